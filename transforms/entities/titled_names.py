"""Rule 1e: a span that opens with a personal title is a person's name, whatever spaCy
called it ("Rev Matiya Nkhoma", "General Petraeus", "King Fahd" labelled ORG or GPE).

`context` reads a title written just before a span ("Senator Jordan"); spaCy often takes
the title into the span instead, and then calls the whole an organisation or a place. Such
a span is a person's name when it opens with a title of `context.PERSON_TITLES`, or two
words ending in one that make a title ("Major General", "Prime Minister"; not after an
article: "the General Assembly", "the Queen Mother"), one to three capitalised words
follow, none of them an organisation or facility word and the last (before a regnal
number) no frequent English word of `common_words` ("General Motors", "King Dome", "Queen
Mary College", "Prince Edward Island"; a given name may be one: "Daniel"), and the
reference data does not know the whole span ("Prince George", the city).
It is then labelled PERSON and marked `person_title`, so the cleaner strips the title as a
person's and no known place's name overrules it ("Cardinal Trujillo").

A name followed by a role in apposition ("Per Engebak, UNICEF's regional director,"; the
span's `role_after`, read by `context`) is a person's name too, where spaCy called it
something else, when it has two to four capitalised words, none an organisation or
facility word, the last no frequent English word and the whole unknown to the reference
data: "Microsoft, the senior vice president of …" and "Sydney, Australian defence minister"
stay, and so do one-word names ("Kmart, will become the chairman of …").
"""

import re
from collections.abc import Callable

import polars as pl

from newsetl.transforms.entities.clean import as_rank
from newsetl.transforms.entities.context import PERSON_TITLES
from newsetl.transforms.entities.labels import BODY_HEADS, FACILITY_HEADS, ORG_WORDS
from newsetl.transforms.entities.reference import ReferenceData, fold, lookup_known

# Labels a titled name may carry when spaCy took it for something else than a person; not
# a work's or an event's ("Mr Bean", "Father Christmas" parades).
RETYPED_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT"})
MAX_NAME_WORDS = 3
MIN_ROLE_NAME_WORDS, MAX_ROLE_NAME_WORDS = 2, 4
# spaCy's people in apposition are also called works ("Francois Traore, president of …")
ROLE_RETYPED_LABELS = RETYPED_LABELS | {"WORK_OF_ART"}
_ARTICLES = frozenset({"the", "a", "an"})
_POSSESSIVE = re.compile(r"['’]s?$")
# a hyphenated rank counts by its last part, as the cleaner reads it (`clean.as_rank`)
_TITLED_WORD = re.compile(r"^(?:[A-Za-z]+-)?[A-Za-z]+\.?$")
_NAME_WORD = re.compile(r"^[A-ZÀ-Þ][\w'’.-]*$")
_NOT_NAME_WORDS = ORG_WORDS | BODY_HEADS | FACILITY_HEADS
_ROMAN = re.compile(r"^[IVX]+$")


def _reads_as_a_persons_name(words: list[str], reference: ReferenceData) -> bool:
    """Capitalised words, none an organisation or facility word, the last (before a regnal
    number) no frequent English word: the family name decides, a frequent word there is a
    thing's name ("General Motors"); given names are often frequent words too ("Daniel")."""
    family = [word for word in words if not _ROMAN.match(word)][-1:]
    return (bool(family) and all(_NAME_WORD.match(word) for word in words)
            and not any(word.lower().strip(".") in _NOT_NAME_WORDS for word in words)
            and family[0].lower().strip(".") not in reference.common_words)


def _title_length(words: list[str], reference: ReferenceData) -> int:
    """How many leading `words` are a personal title: one of `PERSON_TITLES`, or two ending
    in one that the title list or a rank before it make one title ("Prime Minister",
    "Attorney General", "Major General")."""
    folded = [as_rank(fold(word.rstrip(".")), PERSON_TITLES) for word in words[:2]]
    pair = " ".join(folded)
    if len(words) > 2 and folded[1] in PERSON_TITLES and _TITLED_WORD.match(words[1]) and (
            pair in reference.titles_any or pair in reference.titles_person
            or folded[0] in reference.titles_person or folded[0] in PERSON_TITLES):
        return 2
    return int(bool(folded) and folded[0] in PERSON_TITLES)


def is_titled_name(surface: str, reference: ReferenceData) -> bool:
    """`surface` is a personal title and a name of one to three words, as above."""
    written = _POSSESSIVE.sub("", surface.strip())
    words = written.split()
    if not words or not _TITLED_WORD.match(words[0]):
        return False
    title_words = _title_length(words, reference)
    name = words[title_words:]
    return (title_words > 0 and 0 < len(name) <= MAX_NAME_WORDS
            and _reads_as_a_persons_name(name, reference)
            and lookup_known(reference, written) is None)


def is_name_with_a_role(surface: str, reference: ReferenceData) -> bool:
    """`surface`, written before a role in apposition, is a person's name, as above."""
    written = _POSSESSIVE.sub("", surface.strip())
    words = written.split()
    return (MIN_ROLE_NAME_WORDS <= len(words) <= MAX_ROLE_NAME_WORDS
            and words[0].lower() not in _ARTICLES
            and _reads_as_a_persons_name(words, reference)
            and lookup_known(reference, written) is None)


def _people(spans: pl.DataFrame, candidate: pl.Expr,
            is_person: Callable[[str, ReferenceData], bool],
            reference: ReferenceData) -> pl.Expr | None:
    """Which `candidate` rows of `spans` name a person by `is_person` (tested once per
    distinct surface), or None when none does."""
    surfaces = spans.filter(candidate)["surface_text"].unique().to_list()
    people = sorted(s for s in surfaces if is_person(s, reference))
    return candidate & pl.col("surface_text").is_in(people) if people else None


def titled_people(spans: pl.DataFrame, reference: ReferenceData) -> pl.DataFrame:
    """`spans` (with `person_title`) with each titled name of `RETYPED_LABELS` labelled
    PERSON and marked `person_title`."""
    candidate = pl.col("label").is_in(sorted(RETYPED_LABELS)) & pl.col(
        "surface_text").str.contains(r"^(?:[A-Za-z]+-)?[A-Za-z]+\.?\s")
    person = _people(spans, candidate, is_titled_name, reference)
    if person is None:
        return spans
    return spans.with_columns(
        label=pl.when(person).then(pl.lit("PERSON")).otherwise("label"),
        person_title=pl.col("person_title") | person,
    )


def people_by_role(spans: pl.DataFrame, reference: ReferenceData) -> pl.DataFrame:
    """`spans` (with `role_after`) with each name before a role in apposition of
    `ROLE_RETYPED_LABELS` labelled PERSON, as above."""
    candidate = pl.col("label").is_in(sorted(ROLE_RETYPED_LABELS)) & pl.col("role_after")
    person = _people(spans, candidate, is_name_with_a_role, reference)
    if person is None:
        return spans
    return spans.with_columns(label=pl.when(person).then(pl.lit("PERSON")).otherwise("label"))
