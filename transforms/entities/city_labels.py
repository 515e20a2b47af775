"""Rule 6b of `labels`: a city or a first-level region of the country an article is about
is a place, whatever spaCy called it.

spaCy's small model calls many foreign cities people ("Maracaibo", "Yala", "Sialkot") when
no preposition of place stands before them. In an article about a country, a name that is
one of its cities is that city (one of its first-level regions that region), unless the
article marks it as a person or an organisation, or it is part of a longer name.
"""

from collections import Counter
from collections.abc import Sequence

from newsetl.transforms.entities.gazetteer import Gazetteer, country_of_part
from newsetl.transforms.entities.reference import ReferenceData, fold, lookup_known
from newsetl.transforms.entities.schemas import PLACE_LABELS

# Labels this rule corrects: spaCy's guesses that a city is a person or a work. Not ORG: clubs
# and companies are named after their cities ("Santos", "Nokia").
_CITY_GUESS_LABELS = frozenset({"PERSON", "PRODUCT", "WORK_OF_ART"})
# Countries where a town is named after most family names ("Wilson", "Moore", "Madison").
_TOWNS_OF_SURNAMES = frozenset({"US"})


def _countries_named(names: Sequence[str], labels: Sequence[str], person_cues: Sequence[bool],
                     gazetteer: Gazetteer) -> Counter:
    """How often an article names each country, by (name, country code): by the country's
    name whatever spaCy called it, as rule 8 makes it a place, unless a title or a verb of
    speech marks it ("Chad said"); or, labelled a place, by a part of it that no other
    country has ("England", "British Columbia")."""
    named: Counter = Counter()
    for name, label, cue in zip(names, labels, person_cues, strict=True):
        key = fold(name)
        ids = gazetteer.by_name.get(key, ())
        if ids and (place := gazetteer.places[ids[0]]).feature_class == "country":
            if not cue:
                named[name, place.country_code] += 1
        elif label in PLACE_LABELS and (code := country_of_part(gazetteer, key)) is not None:
            named[name, code] += 1
    return named


def _countries_about(named: Counter, leaving_out: str) -> set[str]:
    """The countries an article is about, by `_countries_named`: those other names than
    `leaving_out` name most often."""
    counts: Counter = Counter()
    for (name, code), n in named.items():
        if name != leaving_out and code is not None:
            counts[code] += n
    most = max(counts.values(), default=0)
    return {code for code, n in counts.items() if n == most} - _TOWNS_OF_SURNAMES


def cities_of_named_countries(names: Sequence[str], labels: Sequence[str],
                              person_cues: Sequence[bool],
                              reference: ReferenceData) -> list[str]:
    """Rule 6b: the labels of one article's mentions (cleaned name, corrected label, whether a
    title or a verb of speech marks it), with each city of a country the article is about
    (`_countries_about`) that spaCy called a person or a work a place (GPE): "Maracaibo"
    and "Valencia" beside "Venezuela", "Yala" beside "Thailand"; so is a first-level region
    of it the gazetteer names (`Gazetteer.regions`: "Tamil Nadu", "Tripura" beside "India").
    Not where a title or a
    verb of speech marks any of its mentions ("Mayor Itō"), nor where spaCy called one an
    organisation or a facility ("Nokia"), nor a word of a longer name of the article
    ("Santos" of "Carlos dos Santos"), nor a name the reference data knows as other than
    a place, nor in the US, where a town bears nearly every family name."""
    gazetteer = reference.gazetteer
    named = (_countries_named(names, labels, person_cues, gazetteer)
             if gazetteer is not None else None)
    if not named or gazetteer is None:
        return list(labels)
    other_sense = {name for name, label, cue in zip(names, labels, person_cues, strict=True)
                   if cue or label in {"ORG", "FAC"}}
    longer = [f" {name} " for name in set(names) if " " in name]

    def is_city(name: str) -> bool:
        if name in other_sense or any(f" {name} " in other and other != f" {name} "
                                      for other in longer):
            return False
        known = lookup_known(reference, name)
        if known is not None and known.entity_class != "place":
            return False
        countries = _countries_about(named, leaving_out=name)
        key = fold(name)
        return bool(countries & gazetteer.regions.get(key, frozenset())) or any(
            place.feature_class == "city" and place.country_code in countries
            for place in map(gazetteer.places.__getitem__, gazetteer.by_name.get(key, ())))

    cities = {name for name, label in zip(names, labels, strict=True)
              if label in _CITY_GUESS_LABELS and is_city(name)}
    return ["GPE" if label in _CITY_GUESS_LABELS and name in cities else label
            for name, label in zip(names, labels, strict=True)]
