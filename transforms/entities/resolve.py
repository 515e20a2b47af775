"""Resolve one article's cleaned names to canonical names (pure; one article at a time).

Order, per distinct cleaned name of the article:
1. a person's short form or misspelling of a full name in the article (`shortform`),
   tried first for names labelled PERSON so "Jordan" of "Michael Jordan" is not the country;
2. reference data: countries, organisations, regions, acronyms (`reference`), demonyms
   linked to their country (`demonym`); places, and countries and regions the gazetteer
   has, by the gazetteer and the article's other places (`places`); US counties named
   "County, State" by the state the article names (`places.county_names`); a name the
   organisation table binds to one country ("Senate": the US Senate) only when the
   article's places, demonyms and other countries' first-level regions the gazetteer
   leaves unlinked ("British Columbia") are not all in other countries, or the name says the
   country (`reference.bound_country`); a generic name goes to the body of that name of
   the country the article names most ("Senate" of an Australian article: the Australian
   Senate; "Labor": the Australian Labor Party), where the national table has one and
   the name stands for no longer name of the article ("Parliament" of "Scottish
   Parliament": step 4 decides) (`reference.national_body`);
3. an acronym of a longer name in the article, not a person's, nor a work's for a
   two-letter acronym (`shortform.resolve_acronym`); it wins over the shipped acronym
   table of step 2 ("ESA" beside "Entertainment Software Association" is no space agency);
   an acronym the text defines ("… Board (NTSB)", found by `context`) overrides 1–6;
4. an organisation's head word alone, of one longer name in the article ("the Commission"
   of "European Commission"), or a name that is all of one longer name before its
   preposition ("Reserve Bank" of "Reserve Bank of Australia", `shortform.resolve_head_word`);
5. a close misspelling of a strong reference name (`fuzzy.reference_match`);
6. otherwise the cleaned name itself.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from typing import NamedTuple

from newsetl.transforms.entities.fuzzy import reference_match
from newsetl.transforms.entities.gazetteer import Gazetteer
from newsetl.transforms.entities.places import (
    PlaceLink,
    county_names,
    link_places,
    names_an_area,
)
from newsetl.transforms.entities.reference import (
    STRONG_CLASSES,
    ReferenceData,
    RefHit,
    bound_country,
    country_written_first,
    fold,
    lookup_known,
    national_body,
)
from newsetl.transforms.entities.schemas import PLACE_LABELS
from newsetl.transforms.entities.shortform import (
    INITIALS_SKIP,
    Candidate,
    ends_in_head_word,
    is_head_word,
    resolve_acronym,
    resolve_head_word,
    resolve_people,
    stands_for,
)

# Reference classes the gazetteer may hold: a name of one of them is linked whatever its
# label; any other name only when labelled a place.
GAZETTEER_CLASSES = frozenset({"country", "region"})
# Labels of a name that may be a national body ("Greens" is NORP as often as ORG).
BODY_LABELS = frozenset({"ORG", "NORP"})
# Two words this alike (difflib's ratio) are one word in two spellings ("defence", "defense").
SPELT_ALIKE = 0.8


class Resolution(NamedTuple):
    """Where a cleaned name went: rule None means the name is its own canonical name."""

    canonical_name: str
    match_rule: str | None
    match_score: float | None
    linked_name: str | None


def resolve_article(
    names: list[str], labels: list[str], reference: ReferenceData,
    defined: Mapping[str, str] | None = None, starts: Sequence[int] | None = None,
) -> dict[str, Resolution]:
    """Cleaned name → resolution, for the mentions (name, label) of one article.

    `starts`: each mention's start offset (else the mentions are taken to be in text order);
    a bare family name several full names share goes to the one named first (`principal`).

    `defined`: acronyms the article's text defines → the cleaned long name; they win over
    the shipped acronym table, and the long name is the canonical name."""
    counts = Counter(names)
    labels_of: dict[str, set[str]] = {}
    for name, label in zip(names, labels, strict=True):
        labels_of.setdefault(name, set()).add(label)
    distinct = sorted(counts)
    refs = {name: lookup_known(reference, name) for name in distinct}
    for name, ref in refs.items():
        if ref is not None and ref.entity_class == "place" and not labels_of[name] & PLACE_LABELS:
            refs[name] = None  # a town called "Bush" does not make President Bush a place

    gazetteer = reference.gazetteer or Gazetteer()

    def may_join(name: str) -> bool:
        ref = refs[name]
        if _qualified_place(name, gazetteer):
            return False  # "Washington, D.C." labelled PERSON is still the city
        if _is_place(ref) and " " in name and labels_of[name] & PLACE_LABELS:
            return False  # "Las Vegas", a place here, is no short form of "Wynn Las Vegas"
        if ref is None or ref.entity_class not in STRONG_CLASSES:
            return True
        return labels_of[name] == {"PERSON"} and " " not in name and ref.entity_class != "demonym"

    first: dict[str, int] = {}
    for name, start in zip(names, starts if starts is not None else range(len(names)),
                           strict=True):
        first[name] = min(start, first.get(name, start))
    people = resolve_people([
        Candidate(n, counts[n], "PERSON" in labels_of[n], may_join(n), first[n]) for n in distinct
    ])
    places = link_places(
        {n: refs[n].canonical_name if refs[n] is not None else None for n in distinct
         if n not in people and _may_be_place(n, refs[n], labels_of[n], gazetteer)},
        gazetteer,
    )
    country_mentions = _country_mentions(places, refs, counts, reference)
    named_countries = set(country_mentions) | _countries_of_regions(places, gazetteer)
    main_country = _main_country(country_mentions)
    for name, ref in refs.items():
        body = (national_body(reference, name, main_country)
                if name not in people and labels_of[name] & BODY_LABELS else None)
        if body is not None and _stands_for_one(name, distinct, refs):
            body = None  # "Parliament" of "Scottish Parliament": the head word rule's
        if body is not None:
            refs[name] = body
        elif _bound_elsewhere(name, ref, named_countries, reference):
            refs[name] = None
    others = [n for n in distinct if labels_of[n] != {"PERSON"}]
    # A two-letter acronym expands to no work: "CW" is no "Cry Wolf" (spaCy also calls some
    # organisations works: "FOMC" still expands to "The Federal Open Market Committee").
    works = {n for n in others if labels_of[n] <= {"PERSON", "WORK_OF_ART"}}

    def article_expansion(name: str) -> str | None:
        short = len(name.replace(".", "")) < 3
        return resolve_acronym(
            name, [o for o in others if o != name and not (short and o in works)])

    for name, ref in refs.items():
        expansion = article_expansion(name) if ref and ref.match_rule == "acronym" else None
        if expansion is not None and _other_body(expansion, ref.canonical_name, name):
            refs[name] = None  # the article's own name of these initials wins ("ESA")
    counties = county_names([n for n in distinct if n not in people], places, gazetteer)
    resolved: dict[str, Resolution] = {}
    for name in distinct:
        ref = refs[name]
        if name in people:
            resolved[name] = Resolution(*people[name], None)
        elif name in places and (places[name].place is not None or _is_place(ref)):
            resolved[name] = _place_resolution(name, places[name], ref)
        elif name in counties:
            rule = None if counties[name] == name else "alias_table"
            resolved[name] = Resolution(counties[name], rule, None, None)
        elif ref is not None:
            same = ref.canonical_name == name and ref.entity_class != "demonym"
            rule = None if same else ref.match_rule
            resolved[name] = Resolution(ref.canonical_name, rule, None, ref.linked_name)
    for name in distinct:
        if name in resolved:
            continue
        expansion = article_expansion(name)
        if expansion is not None:
            target = resolved.get(expansion)
            canonical = target.canonical_name if target is not None else expansion
            resolved[name] = Resolution(canonical, "acronym", None, None)
            continue
        close = reference_match(name, labels_of[name], reference)
        if close is not None and not _bound_elsewhere(name, close[0], named_countries,
                                                     reference):
            hit, score = close
            resolved[name] = Resolution(hit.canonical_name, "fuzzy", score, hit.linked_name)
        else:
            resolved[name] = Resolution(name, None, None, None)
    # After every longer name has its canonical name, so the head word goes where it went.
    heads = [n for n in others if (is_head_word(n) or ends_in_head_word(n))
             and resolved[n] == Resolution(n, None, None, None)]
    canonical_of = {o: resolved[o].canonical_name for o in others} if heads else {}
    for name in heads:
        full = resolve_head_word(name, canonical_of)
        if full is not None:
            target = resolved[full]
            resolved[name] = Resolution(target.canonical_name, "short_form", None,
                                        target.linked_name)
    return _apply_definitions(resolved, defined or {})


def _country_mentions(places: Mapping[str, PlaceLink], refs: Mapping[str, RefHit | None],
                      counts: Mapping[str, int], reference: ReferenceData) -> Counter:
    """Country canonical name → how many of an article's mentions are of a place in it, of
    its demonym, or of a known organisation whose name opens with either ("Australian
    Senate": the demonym is in the name, not a mention of its own)."""
    mentions: Counter = Counter()
    for name, link in places.items():
        if link.place is not None and link.place.country_name:
            mentions[link.place.country_name] += counts[name]
    for name, ref in refs.items():
        if ref is not None and ref.entity_class == "demonym" and ref.linked_name:
            mentions[ref.linked_name] += counts[name]
        elif ref is not None and ref.entity_class == "org" and (
                country := country_written_first(reference, name)):
            mentions[country] += counts[name]
    return mentions


def _countries_of_regions(places: Mapping[str, PlaceLink], gazetteer: Gazetteer) -> set[str]:
    """Countries of the first-level regions an article names that the gazetteer does not
    link ("British Columbia": Canada; `Gazetteer.regions`, one country per name), so a
    known organisation of another country is not what its generic name means there
    ("Supreme Court" in an article about British Columbia is not the US one)."""
    countries = set()
    for name, link in places.items():
        codes = gazetteer.regions.get(fold(name), frozenset()) if link.place is None else ()
        if len(codes) == 1 and (country := gazetteer.country_names.get(next(iter(codes)))):
            countries.add(country)
    return countries


def _other_body(expansion: str, canonical: str, acronym: str) -> bool:
    """The article's long name of an acronym names another body than the acronym table's
    expansion: they share less than half their words, a word shared when it is spelt alike
    ("Entertainment Software Association" and "European Space Agency", "Warner Brothers"
    and "World Bank"; not "Israel Defence Force" and "Israel Defense Forces", nor
    "Environmental Protection Agency" and "United States Environmental Protection
    Agency"). A table whose title is the acronym itself ("BBC", "NATO") says no other
    words: its body stays."""
    if fold(canonical) == fold(acronym):
        return False
    ours, theirs = ([w for w in fold(n).split() if w not in INITIALS_SKIP]
                    for n in (expansion, canonical))
    shared = sum(any(_spelt_alike(w, v) for v in theirs) for w in ours)
    return shared * 2 < min(len(ours), len(theirs))


def _spelt_alike(word: str, other: str) -> bool:
    """One word in two spellings: "defence" and "defense", "force" and "forces"."""
    return word == other or (min(len(word), len(other)) >= 4
                             and SequenceMatcher(None, word, other).ratio() >= SPELT_ALIKE)


def _main_country(country_mentions: Counter) -> str | None:
    """The country an article is about: the one it names most often, if one does; None on a
    tie or with no country named."""
    ranked = country_mentions.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _stands_for_one(name: str, distinct: Sequence[str],
                    refs: Mapping[str, RefHit | None]) -> bool:
    """`name` may stand for longer names of the article that all are one thing ("Scottish
    Parliament"); with two or more things ("the Federal Government" and "the Howard
    Government", or two parliaments) the short-form rule links it to neither, and the
    country's body is the likelier reading than the generic word alone."""
    things = {refs[other].canonical_name if refs[other] is not None else other
              for other in distinct if stands_for(name, other)}
    return len(things) == 1


def _bound_elsewhere(name: str, hit: RefHit | None, countries: set[str],
                     reference: ReferenceData) -> bool:
    """`name` reached a known organisation of one country ("Democrats": the US party;
    "Senate": the US Senate) in an article whose places and demonyms are all in other
    countries (Australia has its own Democrats and Senate)."""
    if hit is None or not countries:
        return False
    bound = bound_country(reference, hit, name)
    return bound is not None and bound not in countries


def _apply_definitions(
    resolved: dict[str, Resolution], defined: Mapping[str, str]
) -> dict[str, Resolution]:
    """Each name that is an acronym the text defined goes where its long name went."""
    for name, current in resolved.items():
        long_name = defined.get(name.replace(".", ""))
        if long_name is None or long_name == name or long_name not in resolved:
            continue
        target = resolved[long_name]
        if current.canonical_name != target.canonical_name:
            resolved[name] = Resolution(target.canonical_name, "acronym", None,
                                        target.linked_name)
    return resolved


def _may_be_place(name: str, ref: RefHit | None, labels: set[str],
                  gazetteer: Gazetteer) -> bool:
    """Linked to the gazetteer: a name labelled a place (not an organisation's or a demonym's
    name); whatever its label, a place's qualified canonical name ("Washington, D.C.") or a
    country's or region's name that names one ("Russia" labelled ORG; but "New York" labelled
    PERSON is no city)."""
    if _qualified_place(name, gazetteer):
        return True
    if ref is not None and ref.entity_class in GAZETTEER_CLASSES:
        return bool(labels & PLACE_LABELS) or names_an_area(name, ref.canonical_name, gazetteer)
    return bool(labels & PLACE_LABELS) and (ref is None or ref.entity_class == "place")


def _qualified_place(name: str, gazetteer: Gazetteer) -> bool:
    """`name` is a place's canonical name with its qualifier: never a person or a word."""
    return ", " in name and name in gazetteer.by_canonical


def _is_place(ref: RefHit | None) -> bool:
    return ref is not None and ref.entity_class == "place"


def _place_resolution(name: str, link: PlaceLink, ref: RefHit | None) -> Resolution:
    """A linked place's canonical name; an unlinked one keeps its name (an ambiguous
    "Springfield" is one entity, unlinked, until its article says which). The rule is the
    reference's when it named the same place ("UAE": acronym), else the gazetteer's alias."""
    canonical = link.place.canonical_name if link.place is not None else name
    if canonical == name:
        return Resolution(canonical, None, None, None)
    same = ref is not None and ref.canonical_name == canonical
    return Resolution(canonical, ref.match_rule if same else "alias_table", None, None)
