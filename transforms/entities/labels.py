"""Rule 2: each mention's label as the article and the reference data say, before the vote.

spaCy's label is a guess from a few words around the name; the type of an entity is the vote
of its mentions' labels (`type_vote`), so each mention's label is corrected first, per
article, where the evidence is stronger than the guess (the first rule that applies wins):
1. a group noun (`group_nouns`: "Muslims", "Islam", "Aboriginal", "Londoners") is NORP,
   never a person, organisation or place;
2. a name the reference data knows keeps its known kind where spaCy confused organisations
   and places: a country or region labelled ORG/FAC is GPE (LOC stays: "Sinai Peninsula" is
   a place either way), a known organisation labelled GPE/LOC/FAC is ORG (a one-word
   PERSON is left alone: "Jordan" of "Michael Jordan"), and so is a first-level region of
   a federation or large country the gazetteer names (`Gazetteer.regions`: "New South
   Wales", "Uttar Pradesh", "Punjab") labelled ORG/FAC; a known demonym ("Ugandan",
   "Iraqis") is NORP whatever spaCy called it but a language;
3. an event's or an award's name, by its head word ("Hurricane Katrina", "Commonwealth
   Games", "Teen Choice Awards", "Nobel Prize"), is EVENT or WORK_OF_ART (`events`), never a
   person, organisation or place, and so is a storm's given name alone ("Katrina") in an
   article that names the storm;
3b. a name that opens with a feature word of geography and goes on with a capitalised word
   ("Fort Lee", "Mount Druitt", "Lake Mahinerangi", "Cape Leeuwin", "Port Moresby"; in
   Hebrew and Arabic place names "Kfar Tapuah", "Kibbutz Re'im", "Beit Omar"), that
   spaCy called a person, a work or a product, is a place: LOC for a mountain, lake or cape,
   GPE for a fort or port (mostly towns: "Fort Worth", "Port Harcourt") and for a city of
   the reference data ("Cape Town"), unless a verb of speech follows it or its last word is
   an organisation word ("Fort Lee Historic Park");
3c. a name of two or more words that spaCy called a person is a facility when its last word
   names one ("Fitzroy Gardens", "Lincoln Memorial", "Dubrava Prison") and an
   organisation when it names a body ("Aboriginal Tent Embassy", "Dave Matthews Band",
   "Nashua Telegraph"), for last words that are nobody's family name (not "Hall",
   "House", "Park", "Street", "Court", "Church");
3d. a name of two or more words that opens with the word for a body in a language that
   puts it first ("Bloc Québécois", "Partido Socialista Brasileiro", "Forces Nouvelles",
   "Universidad Metropolitana", "Banco Rural"; `BODY_FIRST_WORDS`), that spaCy called a
   person, place, facility, group or product, is ORG;
4. a name shaped like a person's, "Eugene A. Nida", is PERSON;
5. a longer name ending in a one-word name the article labels PERSON ("Joshua Abraham
   Norton" … "Norton") is PERSON, unless its last word is an organisation word;
6. a speaker ("Mugabe said", marked by `context`) that spaCy called a place no gazetteer
   knows is PERSON;
6b. (`city_labels`) a city of the country the article names most that spaCy called a person
   or a work is a place ("Maracaibo" beside "Venezuela"), unless a title or a verb of speech
   marks one of its mentions, spaCy called one an organisation, or it is a word of a longer
   name of the article; never in the US, where a town bears nearly every family name;
7. after resolution (`short_forms_of_people`): a one-word name the article resolved to a
   person's full name as its short form or misspelling ("Hicks" of "David Hicks", which
   spaCy's small model often calls an organisation) is PERSON, when most of the full
   name's own mentions in the article are labelled PERSON;
7b. after resolution (`acronym_labels`): an acronym is what it stands for, whatever spaCy
   called it: a country or region the reference data knows is GPE ("NSW", "ACT"), an
   organisation the article writes out ORG ("JEM" of "the Justice and Equality
   Movement"); a US state's code labelled a place stays one;
8. after resolution (`known_kinds`): a mention resolved to a country, a US state or a
   continent of the gazetteer is a place (GPE; a continent LOC) whatever spaCy called it
   ("Malawi" and "Nepal" labelled PERSON, "Cyprus" PRODUCT, "Tajikistan" NORP), unless a
   personal title is before it or a verb of speech after it ("Senator Jordan", "Chad
   said"); a mention resolved to a city of the gazetteer is a place (GPE) only where "in", "near" or
   "outside" comes before one of its mentions in the article ("in Darwin", "near
   Khartoum"; `context.place_preposition`), as city names are also people's ("Darwin");
   when spaCy called it an organisation, only where the article names the city's country
   as a place ("in Quetta" beside "Pakistan": a company or club named after a city is
   rarely written so, and "shares in Toyota" is no place cue), and never when spaCy called
   it a facility ("in Guantanamo"); a mention resolved to a known organisation spaCy called a work,
   product, person or place is ORG ("Bundestag" PRODUCT, "The Economist" WORK_OF_ART), and
   so is a group noun resolved to one ("Republicans", "Liberals": the party).
The title rule ("Mr. Kerry") already ran in `context`, on the text.
"""

import re
from collections import Counter
from collections.abc import Sequence

from newsetl.transforms.entities.events import event_label, storm_given_names
from newsetl.transforms.entities.gazetteer import Gazetteer, Place
from newsetl.transforms.entities.group_nouns import is_group_noun
from newsetl.transforms.entities.reference import ReferenceData, fold, lookup_known
from newsetl.transforms.entities.schemas import PLACE_LABELS

# Last words that make a name an organisation or a place, whoever it is named after.
ORG_WORDS = frozenset((
    "inc", "corp", "corporation", "company", "co", "ltd", "llc", "plc", "group", "bank",
    "university", "college", "school", "academy", "institute", "party", "association",
    "society", "foundation", "museum", "church", "hotel", "hospital", "council", "committee",
    "commission", "agency", "department", "ministry", "court", "house", "hall", "center",
    "centre", "library", "club", "league", "union", "federation", "fund", "trust", "times",
    "post", "news", "press", "square", "street", "avenue", "road", "park", "bridge", "award",
    "awards", "prize", "stadium", "airport", "station", "studios", "records", "brothers",
))  # fmt: skip
# Last words of ORG_WORDS rule 3c leaves alone: family names ("Arsenio Hall", "Margaret
# Court", "Post", "Bridge"), and ends of names of other kinds (awards and prizes are works,
# "Co" and "Union" are also people's names).
_SURNAME_HEADS = frozenset((
    "house", "hall", "park", "street", "post", "court", "church", "bridge", "bank", "press",
    "co", "road", "union", "award", "awards", "prize",
))  # fmt: skip
# Last words that make a name spaCy called a person a facility ("Fitzroy Gardens", "Lincoln
# Memorial", "Dubrava Prison") or an organisation ("Aboriginal Tent Embassy", "Dave Matthews
# Band", "Nashua Telegraph"): nobody's family name.
FACILITY_HEADS = frozenset((
    "airport", "prison", "memorial", "parkway", "square", "gardens", "stadium", "mosque",
    "cathedral", "station", "avenue", "boulevard", "plaza", "arena", "hotel", "center",
    "centre", "theatre", "theater", "cinema", "palace", "shrine", "synagogue", "basilica",
    "abbey", "monument", "gallery", "observatory", "airbase", "barracks", "fortress",
    "highway", "freeway", "motorway", "expressway", "canal", "reservoir", "dam", "tunnel",
    "pier", "lighthouse", "racecourse", "speedway", "zoo", "mall",
))  # fmt: skip
BODY_HEADS = (ORG_WORDS - _SURNAME_HEADS - FACILITY_HEADS) | frozenset((
    "embassy", "band", "forum", "review", "herald", "gazette", "telegraph", "tribune",
    "journal", "movement", "brigade", "regiment", "railway", "railways", "airlines",
    "airways", "network", "organisation", "organization", "alliance", "coalition",
))  # fmt: skip
# First words of an organisation's name in languages that put the kind of body first
# ("Bloc Québécois", "Partido Socialista Brasileiro", "Forces Nouvelles", "Universidad
# Metropolitana", "Banco Rural"): no one's given name, and no facility's (a hospital or
# museum may be labelled either).
BODY_FIRST_WORDS = frozenset((
    "bloc", "blok", "parti", "partido", "partito", "partei", "partij", "partia", "partidul",
    "frente", "fronte", "movimiento", "movimento", "mouvement", "unión", "unione", "alianza",
    "alleanza", "lega", "ligue", "forza", "forces", "fuerzas", "forças", "banco", "banque",
    "grupo", "gruppo", "universidad", "université", "universidade", "università",
    "universität", "universiteit", "instituto", "istituto", "institut", "fundación",
    "fondation", "fundação", "fondazione", "asociación", "associação", "sindicato",
    "confederación", "confédération", "federación", "fédération", "agence", "agencia",
    "agenzia", "ministerio", "ministère", "ministero", "consejo", "conseil", "consiglio",
    "asamblea", "assemblée", "congreso", "ejército", "armée", "compañía", "companhia",
    "compagnie", "société", "sociedad", "sociedade", "società", "corporación",
))  # fmt: skip
# Labels spaCy gives such a name when it is not sure of it; a work, event or law named
# after a body stays what it is.
BODY_FIRST_RETYPED_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC", "NORP", "PRODUCT"})
# First words that make a name a place whoever it is named after ("Fort Lee", "Lake Bell" the
# actress aside: a verb of speech after her name keeps her a person).
FEATURE_WORD_LABELS = {
    "mount": "LOC", "mt": "LOC", "lake": "LOC", "cape": "LOC",
    "fort": "GPE", "ft": "GPE", "port": "GPE",
    # settlements in Hebrew and Arabic: village, kibbutz, house of, monastery of, headland
    "kfar": "GPE", "kafr": "GPE", "kibbutz": "GPE", "moshav": "GPE", "beit": "GPE",
    "deir": "GPE", "ras": "GPE",
}  # fmt: skip
FEATURE_RETYPED_LABELS = frozenset({"PERSON", "WORK_OF_ART", "PRODUCT"})
_PERSON_SHAPE = re.compile(r"^[A-Z][a-z]+(?:\s[A-Z]\.)+\s[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")
KNOWN_PLACE_CLASSES = frozenset({"country", "region"})
ORG_OR_PLACE_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP"})


def _label(name: str, label: str, speaker: bool, person_words: set[str],
           storm_names: set[str], reference: ReferenceData) -> str:
    words = name.split()
    if is_group_noun(name, label, reference):
        return "NORP"
    known = lookup_known(reference, name)
    if known is not None:
        if known.entity_class in KNOWN_PLACE_CLASSES and label in {"ORG", "FAC"}:
            return "GPE"
        if known.entity_class == "org" and label in PLACE_LABELS:
            return "ORG"
        if known.entity_class == "place" and _feature_label(words, label, speaker) is not None:
            return "GPE"  # a known town: "Fort Worth", "Cape Town"
        if known.entity_class == "demonym" and label not in {"NORP", "LANGUAGE"}:
            return "NORP"  # "Ugandan", "Iraqis" called a person or a place
        return label
    if label in {"ORG", "FAC"} and reference.gazetteer is not None and (
            fold(name) in reference.gazetteer.regions):
        return "GPE"  # "New South Wales", "Punjab": a region of a federation, no body
    if (event := event_label(name, label)) is not None:
        return event
    if name in storm_names and label in ORG_OR_PLACE_LABELS | {"PERSON"}:
        return "EVENT"
    if (feature := _feature_label(words, label, speaker)) is not None:
        return feature
    if label == "PERSON" and len(words) >= 2 and (head := fold(words[-1])) in (
            FACILITY_HEADS | BODY_HEADS):
        return "FAC" if head in FACILITY_HEADS else "ORG"
    if (len(words) >= 2 and label in BODY_FIRST_RETYPED_LABELS
            and words[0].lower() in BODY_FIRST_WORDS and words[1][:1].isupper()):
        return "ORG"
    if label not in ORG_OR_PLACE_LABELS:
        return label  # a work, event or law named after a person stays what it is
    if _PERSON_SHAPE.match(name):
        return "PERSON"
    if (len(words) >= 2 and "," not in name and words[-1] in person_words
            and fold(words[-1]) not in ORG_WORDS and all(w[:1].isupper() for w in words)):
        return "PERSON"
    if speaker and label in PLACE_LABELS:
        return "PERSON"
    return label


def _feature_label(words: list[str], label: str, speaker: bool) -> str | None:
    """Rule 3b: the place label of "Fort Lee" or "Mount Druitt" that spaCy called a person,
    a work or a product."""
    if len(words) < 2 or label not in FEATURE_RETYPED_LABELS or speaker:
        return None
    first = words[0].rstrip(".").lower()
    if first not in FEATURE_WORD_LABELS or not words[1][:1].isupper():
        return None
    return None if fold(words[-1]) in ORG_WORDS else FEATURE_WORD_LABELS[first]


def labels_in_context(names: list[str], labels: list[str], speakers: list[bool],
                      reference: ReferenceData) -> list[str]:
    """The corrected label of each mention (cleaned name, spaCy label, speaker mark) of one
    article, in order."""
    person_words = {n for n, label in zip(names, labels, strict=True)
                    if label == "PERSON" and " " not in n}
    storm_names = storm_given_names(names)
    return [
        _label(name, label, speaker, person_words, storm_names, reference)
        for name, label, speaker in zip(names, labels, speakers, strict=True)
    ]


# Resolution rules by which a one-word name joins a longer name of its article.
SHORT_FORM_RULES = frozenset({"short_form", "fuzzy"})


def short_forms_of_people(names: Sequence[str], labels: Sequence[str],
                          resolutions: Sequence[tuple[str, str | None]]) -> list[str]:
    """Rule 7: the labels of one article's mentions (cleaned name, corrected label, and the
    (canonical name, rule) it resolved to), with each one-word short form of a person's
    full name labelled PERSON. A full name is a person's when at least half of its
    mentions of two or more words are labelled PERSON."""
    several_words: Counter = Counter()
    as_person: Counter = Counter()
    for name, label, (canonical, _rule) in zip(names, labels, resolutions, strict=True):
        if " " in name:
            several_words[canonical] += 1
            as_person[canonical] += label == "PERSON"
    people = {c for c, n in several_words.items() if 2 * as_person[c] >= n}
    return [
        "PERSON" if " " not in name and rule in SHORT_FORM_RULES and canonical in people
        else label
        for name, label, (canonical, rule) in zip(names, labels, resolutions, strict=True)
    ]


# Labels rule 8 corrects: spaCy's guesses that a known place or organisation is something else.
# NORP too: a demonym resolves to a name of its own ("Thai"), so a NORP mention resolved to a
# place writes the place's name ("Tajikistan" NORP).
NOT_PLACE_LABELS = frozenset({"ORG", "FAC", "PERSON", "PRODUCT", "WORK_OF_ART", "NORP"})
NOT_ORG_LABELS = frozenset({"PERSON", "PRODUCT", "WORK_OF_ART", "GPE", "LOC", "FAC"})
# A group noun the resolver took to a known organisation ("Republicans", "Liberals": the
# party) is a mention of that organisation, so the party's type is not the group's.
_ORG_RETYPED_LABELS = NOT_ORG_LABELS | {"NORP"}
_PLACE_LABEL_OF_CLASS = {"country": "GPE", "admin1": "GPE", "continent": "LOC"}
# A city's name is also a person's: a preposition of place makes it the city. A company's or
# a club's only in an article that names the city's country (`known_kinds`), and a facility
# keeps its label ("in Guantanamo" is the camp).
_CITY_RETYPED_LABELS = NOT_PLACE_LABELS - {"ORG", "FAC"}


def known_kinds(labels: Sequence[str], canonical_names: Sequence[str],
                person_cues: Sequence[bool], place_prepositions: Sequence[bool],
                reference: ReferenceData) -> list[str]:
    """Rule 8: the labels of one article's mentions (corrected label, resolved canonical
    name, whether a title or a verb of speech marks a person, whether "in", "near" or
    "outside" comes just before), with each mention of a known country, US state or
    continent a place, each of a known city written after such a preposition a place, and
    each of a known organisation an organisation."""
    gazetteer = reference.gazetteer or Gazetteer()
    places = [gazetteer.places.get(gazetteer.by_canonical.get(canonical, -1))
              for canonical in canonical_names]
    # The countries the article names as places: a city of one of them labelled an
    # organisation after "in" is the city ("protesters in Thessaloniki" of an article on
    # Greece), not a company or club named after it.
    countries = {place.country_code for place, label in zip(places, labels, strict=True)
                 if place is not None and place.feature_class in _PLACE_LABEL_OF_CLASS
                 and label in PLACE_LABELS}

    def retyped(label: str, place: Place, known_org: bool) -> bool:
        return label in _CITY_RETYPED_LABELS or (
            label == "ORG" and place.country_code in countries and not known_org)

    # One city is one sense within an article: "in Perth" makes its "Perth and Adelaide" a
    # place too.
    cities_in_place = {canonical for canonical, in_place, person_cue
                       in zip(canonical_names, place_prepositions, person_cues, strict=True)
                       if in_place and not person_cue}
    corrected = []
    for label, canonical, place, person_cue in zip(labels, canonical_names, places,
                                                   person_cues, strict=True):
        known = reference.name_index.get(fold(canonical))
        known_org = known is not None and known.entity_class == "org"
        if (place is not None and place.feature_class in _PLACE_LABEL_OF_CLASS
                and label in NOT_PLACE_LABELS and not person_cue):
            corrected.append(_PLACE_LABEL_OF_CLASS[place.feature_class])
        elif (place is not None and place.feature_class == "city"
              and canonical in cities_in_place and retyped(label, place, known_org)
              and not person_cue):
            corrected.append("GPE")
        elif known_org and known.canonical_name == canonical and label in _ORG_RETYPED_LABELS:
            corrected.append("ORG")
        else:
            corrected.append(label)
    return corrected
