"""Shipped reference data for entity normalization, and lookups into it (pure, no I/O).

`ingest.reference_data.load_reference_data` reads the files and packages; this module turns
their parsed contents into `ReferenceData` and answers "which known thing is this name?".
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import polars as pl

if TYPE_CHECKING:  # gazetteer and office_holders import `fold` from here
    from newsetl.transforms.entities.gazetteer import Gazetteer
    from newsetl.transforms.entities.office_holders import OfficeHolder

# Entity classes reference data can assign; `place` (a populated place from geonames) is the
# only weak one: a same-article person name outranks it and only mentions labelled as places
# take it. Its name here is geonames'; the gazetteer (`places`) gives a linked place its
# canonical name ("Montreal" and "Montréal" are both "Montréal").
STRONG_CLASSES = frozenset({"country", "org", "demonym", "region"})

REFERENCE_ALIAS_SCHEMA: dict[str, pl.DataType] = {
    "lookup": pl.String(),  # fold(alias)
    "alias": pl.String(),
    "canonical_name": pl.String(),
    "entity_class": pl.String(),  # country, region, place, org, demonym
    "match_rule": pl.String(),  # exact (a canonical name), alias_table, acronym, demonym
    "linked_name": pl.String(),  # a demonym's country
    "source": pl.String(),  # countries, organisations, national_bodies, acronyms, geonames
}


# "northern Gaza": a part of a known place counts as the place. Lower case only: "Western
# Australia" and "West Germany" are places of their own.
DIRECTIONAL_ADJECTIVES = frozenset({"central", "northern", "southern", "eastern", "western"})


class RefHit(NamedTuple):
    """A known thing a name resolves to."""

    canonical_name: str
    entity_class: str
    match_rule: str
    linked_name: str | None


@dataclass(frozen=True)
class ReferenceData:
    """Everything normalization knows besides the article: aliases, acronyms, titles.

    Built once per run and only read afterwards; plain dicts so it pickles into worker
    processes (treat the mappings as read-only)."""

    aliases: pl.DataFrame  # REFERENCE_ALIAS_SCHEMA, first row per lookup wins
    titles: pl.DataFrame  # title, scope (any | person | qualifier | filler)
    version: str  # fingerprint of the shipped files and packages
    name_index: Mapping[str, RefHit]  # fold(name) → hit
    acronym_index: Mapping[str, RefHit]  # exact upper-case acronym → hit
    titles_any: frozenset[str]  # folded titles stripped whatever the label
    titles_person: frozenset[str]  # folded titles stripped from PERSON spans only
    # Folded strong names a misspelling may be matched to, for each non-empty set of strong
    # classes, in name-index order: a mention's labels allow a few classes, and filtering
    # all names per mention cost ~10 % of the normalisation's CPU.
    fuzzy_choices: Mapping[frozenset[str], tuple[str, ...]]
    gazetteer: Gazetteer | None = None  # places to link place names to (`places`)
    # Frequent English words, lower case (`common_words`): a capitalised one is no name.
    common_words: frozenset[str] = frozenset()
    # A known organisation's canonical name → the one country it belongs to (`bound_country`).
    bound_countries: Mapping[str, str] = field(default_factory=dict)
    # fold(generic name) → {country → that country's body}: "Senate" of an Australian article
    # is the Australian Senate (`national_body`).
    national_bodies: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # fold(a family name the news gives alone) → the office holders it names by date and
    # country ("bush": George H. W. Bush, George W. Bush; `office_holders`).
    office_holders: Mapping[str, tuple[OfficeHolder, ...]] = field(default_factory=dict)


_FOLD_TABLE = str.maketrans({**dict.fromkeys("-‐‑‒–—_/", " "), **dict.fromkeys(".'’‘`\"")})


# Name comparisons fold the same few names again and again (every pair of an article's
# names): memoised, folding went from ~40 % of the normalisation's CPU to a few percent.
@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lookup form of a name: no accents, case-folded, hyphens as spaces, no dots/quotes."""
    bare = text
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().translate(_FOLD_TABLE).split())


def _demonym_priority(country: dict) -> tuple:
    """A demonym several countries share ("American", "French", "Dutch") names the UN member,
    then the independent, then the largest of them, not a territory first in the list."""
    return (not country.get("unMember"), not country.get("independent"),
            -(country.get("area") or 0))


def _native_names_that_are_words(country: dict, common_words: frozenset[str]) -> set[str]:
    """The country's names in its other languages that are frequent English words, folded:
    "Island" (Icelandic for Iceland) in English text is an island, not Iceland."""
    native = country["name"].get("native", {})
    names = {fold(name[kind]) for language, name in native.items() if language != "eng"
             for kind in ("common", "official")}
    return names & common_words


def _country_rows(countries: Iterable[dict], titles: Mapping[str, str],
                  common_words: frozenset[str] = frozenset()) -> Iterable[tuple]:
    """Names, alternative spellings and demonyms of each country (mledoze/countries)."""
    countries = list(countries)
    for country in countries:
        common = country["name"]["common"]
        canonical = titles.get(common, common)
        names = [canonical, common, country["name"]["official"], *country.get("altSpellings", [])]
        # An alternative spelling that is the country's demonym and no word of its name is
        # the demonym ("Thai", "Togolese"), not the country ("Vatican" of "Vatican City" is).
        demonyms = set(country.get("demonyms", {}).get("eng", {}).values()) - set(common.split())
        native_words = _native_names_that_are_words(country, common_words)
        for i, name in enumerate(names):
            if len(name) == 2 and name not in ("US", "UK"):
                continue  # ISO codes other than these are words ("IN", "IT", "NO")
            if i > 2 and (name in demonyms or fold(name) in native_words):
                continue
            rule = "exact" if i == 0 else "alias_table"
            yield name, canonical, "country", rule, None, "countries"
    for country in sorted(countries, key=_demonym_priority):
        common = country["name"]["common"]
        canonical = titles.get(common, common)
        demonyms = country.get("demonyms", {}).get("eng", {})
        for demonym in dict.fromkeys(d for d in (demonyms.get("m"), demonyms.get("f")) if d):
            yield demonym, demonym, "demonym", "demonym", canonical, "countries"
            if demonym[-1] in "nir":  # Egyptians, Israelis, New Zealanders; not "Chinese"
                yield demonym + "s", demonym, "demonym", "demonym", canonical, "countries"


def _other_demonym_rows(countries: Iterable[dict], titles: Mapping[str, str],
                        forms: Iterable[tuple[str, str]]) -> list[tuple]:
    """Rows for the demonyms the country list lacks ("Briton", "Turks", "Spaniards"): each
    names its country's own demonym ("British"), so the people of a country are one entity
    however the text calls them. A country the list does not have is an error in the table."""
    own: dict[str, str] = {}
    for country in countries:
        common = country["name"]["common"]
        demonym = country.get("demonyms", {}).get("eng", {}).get("m")
        if demonym:
            own.setdefault(titles.get(common, common), demonym)
    rows = []
    for form, country in forms:
        if country not in own:
            raise ValueError(f"demonym {form!r}: unknown country {country!r}")
        rows.append((form, own[country], "demonym", "demonym", country, "demonyms"))
    return rows


def build_reference_data(
    *,
    countries: Iterable[dict],
    country_titles: Mapping[str, str],
    organisations: Iterable[tuple[str, str, str]],
    acronyms: Iterable[tuple[str, str, str]],
    titles: Iterable[tuple[str, str]],
    places: Iterable[tuple[str, str]],
    version: str,
    gazetteer: Gazetteer | None = None,
    common_words: frozenset[str] = frozenset(),
    national_bodies: Iterable[tuple[str, str, str]] = (),
    office_holders: Mapping[str, tuple[OfficeHolder, ...]] | None = None,
    demonyms: Iterable[tuple[str, str]] = (),
) -> ReferenceData:
    """Assemble `ReferenceData`; earlier sources win a lookup clash (countries first).

    `organisations`: (alias, canonical_name, entity_class); `acronyms`: (acronym, expansion,
    entity_class); `titles`: (title, scope); `places`: (name, entity_class), most populous
    first; `national_bodies`: (generic name, country, that country's body);
    `office_holders`: as `office_holders.office_holder_index` builds it; `demonyms`: (another
    form of a country's demonym, the country's canonical name).
    """
    acronym_rows = list(acronyms)
    organisations = list(organisations)
    national_rows = list(national_bodies)
    countries = list(countries)
    rows = list(_country_rows(countries, country_titles, common_words))
    rows += _other_demonym_rows(countries, country_titles, demonyms)
    for alias, canonical, entity_class in organisations:
        rows.append((canonical, canonical, entity_class, "exact", None, "organisations"))
        rows.append((alias, canonical, entity_class, "alias_table", None, "organisations"))
    for _alias, _country, canonical in national_rows:
        rows.append((canonical, canonical, "org", "exact", None, "national_bodies"))
    for _acronym, expansion, entity_class in acronym_rows:
        rows.append((expansion, expansion, entity_class, "exact", None, "acronyms"))
    rows += [(name, name, cls, "exact", None, "geonames") for name, cls in places]
    frame = pl.DataFrame(
        [(fold(r[0]), *r) for r in rows], schema=REFERENCE_ALIAS_SCHEMA, orient="row"
    ).unique("lookup", keep="first", maintain_order=True)
    name_index = {
        row[0]: RefHit(row[2], row[3], row[4], row[5]) for row in frame.iter_rows() if row[0]
    }
    acronym_index = {a: RefHit(e, c, "acronym", None) for a, e, c in acronym_rows}
    title_frame = pl.DataFrame(list(titles), schema=["title", "scope"], orient="row")
    by_scope = {
        scope: frozenset(fold(t) for t, s in title_frame.iter_rows() if s == scope)
        for scope in ("any", "person", "qualifier", "filler")
    }
    # A national body's name differs from its neighbours by a country ("Communist Party of
    # Cuba", "… of USA"): no misspelling goes to one.
    national_names = {fold(canonical) for _a, _c, canonical in national_rows}
    fuzzy = tuple(
        k for k, hit in name_index.items()
        if hit.entity_class in STRONG_CLASSES and len(k) >= 6 and k not in national_names
    )
    class_sets = (frozenset(combination) for size in range(1, len(STRONG_CLASSES) + 1)
                  for combination in itertools.combinations(sorted(STRONG_CLASSES), size))
    fuzzy_choices = {classes: tuple(k for k in fuzzy if name_index[k].entity_class in classes)
                     for classes in class_sets}
    countries = {hit.canonical_name for hit in name_index.values() if hit.entity_class == "country"}
    # Only the organisation table's: its aliases are names other countries' bodies share
    # ("Senate", "Labour"); an acronym of the acronym table names one body ("AFP", "FARC").
    orgs = {canonical for _alias, canonical, entity_class in organisations if entity_class == "org"}
    return ReferenceData(
        aliases=frame,
        titles=title_frame,
        version=version,
        name_index=name_index,
        acronym_index=acronym_index,
        titles_any=by_scope["any"] | by_scope["qualifier"] | by_scope["filler"],
        titles_person=by_scope["person"],
        fuzzy_choices=fuzzy_choices,
        gazetteer=gazetteer,
        common_words=common_words,
        bound_countries={**_bound_countries(sorted(orgs), sorted(countries), name_index),
                         **{canonical: country for _a, country, canonical in national_rows}},
        national_bodies=_national_bodies(national_rows, countries),
        office_holders=office_holders or {},
    )


def _national_bodies(rows: Iterable[tuple[str, str, str]], countries: set[str]
                     ) -> dict[str, dict[str, str]]:
    """fold(generic name) → {country → body}; a country the country list does not have is
    an error in the shipped table, not a body no article can reach."""
    bodies: dict[str, dict[str, str]] = {}
    for alias, country, canonical in rows:
        if country not in countries:
            raise ValueError(f"national body {canonical!r}: unknown country {country!r}")
        bodies.setdefault(fold(alias), {})[country] = canonical
    return bodies


def lookup(reference: ReferenceData, name: str) -> RefHit | None:
    """The known thing `name` denotes: an acronym (exact case) or any folded name/alias."""
    compact = name.replace(".", "")
    if compact.isupper() and compact in reference.acronym_index:
        return reference.acronym_index[compact]
    hit = reference.name_index.get(fold(name))
    if hit is not None and hit.match_rule == "exact" and hit.canonical_name != name:
        return hit._replace(match_rule="alias_table")  # a spelling variant of a known name
    return hit


def lookup_known(reference: ReferenceData, name: str) -> RefHit | None:
    """`lookup`, or a known name after descriptive words: -ist or hyphenated adjectives before
    a strong name ("Pan-Islamist Muslim Brotherhood"), or a lower-case direction before a
    place ("northern Gaza"), or the organisation's own country or its demonym ("U.S.
    Republican Party", "British Labour Party"). Not another country's: "Australian Senate"
    is not the US Senate."""
    hit = lookup(reference, name)
    if hit is not None:
        return hit
    tokens = name.split()
    for cut in range(1, min(3, len(tokens) - 1) + 1):
        body = _own_national_body(reference, " ".join(tokens[:cut]), " ".join(tokens[cut:]))
        if body is not None:
            return body
        tail = lookup(reference, " ".join(tokens[cut:]))
        if tail is None:
            continue
        if all(t in DIRECTIONAL_ADJECTIVES for t in tokens[:cut]) or (
            tail.entity_class in STRONG_CLASSES - {"demonym"}
            and all(_is_adjective(t) for t in tokens[:cut])
        ) or _is_own_country(reference, " ".join(tokens[:cut]), tail):
            return tail._replace(match_rule="alias_table")
    return None


def _own_national_body(reference: ReferenceData, head: str, generic: str) -> RefHit | None:
    """ "Italian Senate", "Canadian Parliament": a country or its demonym before a generic
    name of the national table is that country's body."""
    if fold(generic) not in reference.national_bodies:
        return None
    country = _country_written(lookup(reference, head))
    return None if country is None else national_body(reference, generic, country)


def _is_own_country(reference: ReferenceData, head: str, tail: RefHit) -> bool:
    """ "U.S. Republican Party", "British Labour Party": a country or its demonym written
    before an organisation whose known name carries that country ("Republican Party
    (United States)", `bound_countries`)."""
    said = lookup(reference, head)
    country = _country_written(said)
    if country is None or tail.entity_class != "org":
        return False
    return (country == reference.bound_countries.get(tail.canonical_name)
            or (said.entity_class == "country" and fold(country) in fold(tail.canonical_name)))


def country_written_first(reference: ReferenceData, name: str) -> str | None:
    """The country a name's first one or two words write, as a country or its demonym
    ("Australian Senate", "U.S. Army", "New Zealand Labour Party"), else None."""
    tokens = name.split()
    for cut in range(min(2, len(tokens) - 1), 0, -1):
        country = _country_written(lookup(reference, " ".join(tokens[:cut])))
        if country is not None:
            return country
    return None


def _country_written(said: RefHit | None) -> str | None:
    """The country a country's name or its demonym names ("U.S.", "British"), else None."""
    if said is None or said.entity_class not in ("country", "demonym"):
        return None
    return said.linked_name if said.entity_class == "demonym" else said.canonical_name


def bound_country(reference: ReferenceData, hit: RefHit, name: str) -> str | None:
    """The country a known organisation belongs to when `name` reached it without saying so:
    "Senate" → "United States", "Labour" → "United Kingdom"; None for an organisation of no
    one country, or when the name itself carries the country ("U.S. Senate")."""
    country = reference.bound_countries.get(hit.canonical_name)
    if country is None or hit.match_rule != "alias_table":
        return None
    for word in name.split():
        said = lookup(reference, word)
        if said is not None and country in (said.canonical_name, said.linked_name):
            return None
    return None if _contains_words(fold(name), fold(country)) else country


def national_body(reference: ReferenceData, name: str, country: str | None) -> RefHit | None:
    """The body a generic name ("Senate", "Labor", "Reserve Bank") names in an article
    about `country` (the country the article names most), when the table has one there."""
    if country is None:
        return None
    canonical = reference.national_bodies.get(fold(name), {}).get(country)
    return None if canonical is None else RefHit(canonical, "org", "alias_table", None)


def _bound_countries(org_names: Iterable[str], country_names: Iterable[str],
                     reference_lookup: Mapping[str, RefHit]) -> dict[str, str]:
    """Organisation canonical name → the one country it carries: in a qualifier ("Labour
    Party (UK)") or in its words ("United States Senate", "Supreme Court of the United
    States")."""
    folded_countries = {fold(c): c for c in country_names}
    bound = {}
    for org in org_names:
        found = set()
        if org.endswith(")"):
            hit = reference_lookup.get(fold(org.rsplit("(", 1)[-1][:-1]))
            if hit is not None and hit.entity_class == "country":
                found.add(hit.canonical_name)
        folded = fold(org.split(" (")[0])
        found |= {c for key, c in folded_countries.items() if _contains_words(folded, key)}
        if len(found) == 1:
            bound[org] = found.pop()
    return bound


def _contains_words(outer: str, inner: str) -> bool:
    return f" {inner} " in f" {outer} "


def _is_adjective(token: str) -> bool:
    return ("-" in token.strip("-") and token[:1].isupper()) or token.lower().endswith("ist")
