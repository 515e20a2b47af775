"""A bare family name the news gives a head of state or government ("Bush", "Howard",
"Chirac") is that person, where the article writes no fuller name it could be short for.

The shipped table (`data/office_holders.csv`) lists heads of state and government, and a
few other offices the news names by family name alone, with their terms. A one-word name
that resolved to itself is the one holder of that name who was in office on the article's
publication date, of a country the article names (a place, or a demonym linked to its
country); with no such holder, or two, it stays as written. A row without dates is a name
that means one person at any date ("Saddam", "Lula"); a row without a country an
international office ("Annan"). A holder's full name in another spelling ("Hugo Chavez",
"George Bush" of 2005) is the holder's, whatever rule gave it, and the short forms that went
to it go along. A holder's full name is a person whatever spaCy called it, before the
article's names are resolved, so its short forms and misspellings find it as a person's do.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from newsetl.transforms.entities.gazetteer import Gazetteer
from newsetl.transforms.entities.reference import ReferenceData, fold
from newsetl.transforms.entities.resolve import Resolution
from newsetl.transforms.entities.schemas import PLACE_LABELS


class OfficeHolder(NamedTuple):
    """One term of one holder, as `office_holders.csv` gives it."""

    canonical_name: str
    country: str | None  # ISO 3166-1 alpha-2; None for an international office
    start: date | None  # None with `end` None: the name means this person at any date
    end: date | None  # None: still in office


def office_holder_index(rows: Iterable[tuple[str, ...]]) -> dict[str, tuple[OfficeHolder, ...]]:
    """fold(name as written) → its holders, from (name, canonical_name, country, start, end)
    rows with ISO dates. Each canonical name is also a name of its holder at any date, so
    a spelling that folds to it ("Hugo Chavez", "Kim Jong Il") is that holder."""
    rows = list(rows)
    index: dict[str, list[OfficeHolder]] = {}
    for name, canonical, country, start, end in rows:
        index.setdefault(fold(name), []).append(OfficeHolder(
            canonical, country or None, date.fromisoformat(start) if start else None,
            date.fromisoformat(end) if end else None))
    for _name, canonical, country, _start, _end in rows:
        index.setdefault(fold(canonical), []).append(
            OfficeHolder(canonical, country or None, None, None))
    return {key: tuple(dict.fromkeys(holders)) for key, holders in index.items()}


def _in_office(holder: OfficeHolder, published: date | None) -> bool:
    if holder.start is None and holder.end is None:
        return True
    if published is None:
        return False
    return (holder.start is None or holder.start <= published) and (
        holder.end is None or published < holder.end)


def office_holder(name: str, published: date | None, countries: set[str],
                  holders: Mapping[str, tuple[OfficeHolder, ...]]) -> str | None:
    """The canonical name of the one holder `name` can mean in an article published on
    `published` that names `countries` (a full name needs no country: "George Bush" of
    2005 is George W. Bush wherever it is written), else None."""
    full = " " in name
    meant = {holder.canonical_name for holder in holders.get(fold(name), ())
             if _in_office(holder, published)
             and (full or holder.country is None or holder.country in countries)}
    return meant.pop() if len(meant) == 1 else None


def full_names_of_holders(names: Sequence[str], labels: Sequence[str], published: date | None,
                          reference: ReferenceData) -> list[str]:
    """One article's mention labels, with PERSON for each full name of an office holder
    (spaCy's small model calls "Romano Prodi" an organisation, "Thabo Mbeki" a place), so
    that the resolution that follows takes the holder's short forms and misspellings to
    the full name as it would a person's ("Erdogan" beside "Recep Tayyip Erdogan")."""
    if not reference.office_holders:
        return list(labels)
    return ["PERSON" if " " in name and office_holder(
        name, published, set(), reference.office_holders) is not None else label
        for name, label in zip(names, labels, strict=True)]


def _countries_named(resolution: Mapping[str, Resolution], names: Sequence[str],
                     labels: Sequence[str], gazetteer: Gazetteer) -> set[str]:
    """The countries of the places an article names and of its demonyms' countries."""
    countries = set()
    for name, label in zip(names, labels, strict=True):
        if label in PLACE_LABELS:
            canonical = resolution[name].canonical_name
        elif label == "NORP" and resolution[name].linked_name is not None:
            canonical = resolution[name].linked_name
        else:
            continue
        place = gazetteer.places.get(gazetteer.by_canonical.get(canonical, -1))
        if place is not None and place.country_code is not None:
            countries.add(place.country_code)
    return countries


def with_office_holders(resolution: Mapping[str, Resolution], names: Sequence[str],
                        labels: Sequence[str], published: date | None,
                        reference: ReferenceData) -> tuple[dict[str, Resolution], list[str]]:
    """One article's resolution (cleaned name → where it went) and its mentions' labels,
    with each name that went nowhere taken to the office holder it names (rule
    `alias_table`), by the article's publication date and the countries it names, and so
    are the short forms that went to it; all labelled PERSON (spaCy's small model calls
    "Musharraf" a product, "Chávez" a place)."""
    resolved = dict(resolution)
    if not reference.office_holders:
        return resolved, list(labels)
    countries = _countries_named(resolution, names, labels, reference.gazetteer or Gazetteer())
    held: dict[str, str] = {}  # the name the article resolved to → the holder's
    for name in set(names):
        went = resolution[name]
        # a bare family name only where it went nowhere; a full name wherever it came from
        if (went.match_rule is None or " " in went.canonical_name) and (
                full := office_holder(went.canonical_name, published, countries,
                                      reference.office_holders)) is not None:
            held[went.canonical_name] = full
    # A short form of the full name goes with it ("Bush" of "George Bush").
    for name, went in resolution.items():
        if held.get(went.canonical_name, went.canonical_name) != went.canonical_name:
            resolved[name] = went._replace(canonical_name=held[went.canonical_name],
                                           match_rule=went.match_rule or "alias_table")
    return resolved, ["PERSON" if resolution[name].canonical_name in held else label
                      for name, label in zip(names, labels, strict=True)]
