"""Names the gazetteer keeps beside its places' own: other spellings of cities ("Basra" for
geonames' "Basrah", "St. Paul" for "Saint Paul") and the first-level regions outside the
US, which have no geonames id.

Pure: the rows come from `ingest.reference_data` through `gazetteer.build_gazetteer`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import NamedTuple, Protocol

from rapidfuzz import fuzz

from newsetl.transforms.entities.reference import fold

# An other name of a city is kept when it is a spelling of the city's name: `fuzz.ratio` of
# the folded names, each without a leading article ("Al Fallūjah"), at least this
# ("Basra"/"Basrah" 91, "Teheran"/"Tehran" 92, "Ahwaz"/"Ahvaz" 80), or the name with words
# added or left out ("Frankfurt"/"Frankfurt am Main", "Gaza City"/"Gaza"). Geonames' other
# names also hold nicknames and other places ("Park City" for Bridgeport, "Central Valley"
# for Santa Maria, "Henan" for Hengyang: 77), which are not spellings.
ALTERNATE_MIN_SCORE = 80.0
# A region's name that ends in one of these is the water or coast first ("Red Sea", a state of
# Sudan; "Gulf", a province of Papua New Guinea).
WATER_WORDS = frozenset({"sea", "ocean", "gulf", "coast", "river", "lake", "lakes", "bay"})
# A region's name of these words alone says where, not which region: Cameroon's "West" and
# "Far North", Zambia's "Central", Ghana's "Upper East", Nigeria's "Delta" and "Plateau".
POSITION_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "northeast", "northwest", "southeast", "southwest", "central", "centre", "center",
    "upper", "lower", "far", "middle", "delta", "plateau", "highlands", "midlands",
    "region", "province",
})
MIN_ALTERNATE_CHARS = 4
_NAME = re.compile(r"[A-Z][^\W\d_]*(?:[ '’-][^\W\d_]+)*")
# Latin letters with their accents (Latin Extended, and Vietnamese's), as English writes
# names; geonames also gives Cyrillic, Arabic, Chinese … names.
_LATIN = re.compile(r"[\u0000-\u036f\u1e00-\u1eff]*")
_ARTICLE = re.compile(r"^(?:al|an|ar|as|ad|at|az|ash|el|the) ")


class Region(NamedTuple):
    """A first-level region outside the US (ISO 3166-2 through pycountry): no geonames id
    and no coordinates ship for it, only its country and name."""

    country_code: str
    admin1_code: str | None  # geonames' code where geonames uses the ISO code ("ENG")
    name: str  # the ISO 3166-2 name


class NamedCity(Protocol):
    """What `alternate_names` reads of a city (`gazetteer.CityRow`)."""

    @property
    def geonames_id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def population(self) -> int: ...
    @property
    def alternate_names(self) -> tuple[str, ...]: ...


class RegionalCity(NamedCity, Protocol):
    """What `city_forms_beside_regions` reads of a city: also its country and region."""

    @property
    def country_code(self) -> str: ...
    @property
    def admin1_code(self) -> str: ...


# "Saint Paul" is written "St. Paul" or "St Paul" as often; "Sainte-Anne" also "Ste Anne"
# and "St Anne"; "St. Catharines" also "Saint Catharines". Folded, as names are looked up.
_SAINT_SPELLINGS = {"saint": ("st",), "sainte": ("ste", "st"), "st": ("saint",),
                    "ste": ("sainte",)}


def saint_spellings(name: str) -> list[str]:
    """The other usual spellings of a name that opens with "Saint", "Sainte", "St." or
    "Ste.", folded ("st paul" for "Saint Paul"); none for other names."""
    first, _, rest = fold(name).partition(" ")
    return [f"{other} {rest}" for other in _SAINT_SPELLINGS.get(first, ()) if rest]


def city_forms_beside_regions(cities: Iterable[RegionalCity],
                               regions: Mapping[str, Iterable[str]]) -> dict[int, str]:
    """geonames id → the "<Name> City" form of each city that shares its name with a
    first-level region of its own country (`regions`: fold(name) → country codes) and that
    geonames also writes with "City": "Quebec City", "Oaxaca City", "Chihuahua City". That
    form exists because the bare name is the region's, as Wikipedia titles them ("Quebec"
    is the province); "São Paulo" or "Berlin", never written so, stay the city's."""
    forms: dict[int, str] = {}
    for city in cities:
        if city.country_code not in regions.get(fold(city.name), ()):
            continue
        wanted = fold(city.name) + " city"
        written = [a for a in city.alternate_names if fold(a) == wanted]
        if written:
            exact = f"{city.name} City"
            forms[city.geonames_id] = exact if exact in written else written[0]
    return forms


def with_seat_codes(regions: Mapping[str, Region], seats: Iterable[RegionalCity]
                    ) -> dict[str, Region]:
    """`regions` with geonames' first-level code of each region named like a city of it that
    `city_forms_beside_regions` found ("Quebec" gets Quebec City's 10): the city is its
    region's seat, and the code joins the region's row to its cities'."""
    coded = dict(regions)
    for city in seats:
        region = coded.get(fold(city.name))
        if region is not None and region.country_code == city.country_code and (
                region.admin1_code is None and city.admin1_code):
            coded[fold(city.name)] = region._replace(admin1_code=city.admin1_code)
    return coded


def _core(key: str) -> str:
    return _ARTICLE.sub("", key)


def is_spelling_of(alternate: str, name: str) -> bool:
    """The folded `alternate` is a spelling of the folded `name` (ALTERNATE_MIN_SCORE)."""
    a, b = _core(alternate), _core(name)
    if fuzz.ratio(a, b) >= ALTERNATE_MIN_SCORE:
        return True
    shorter, longer = sorted((a, b), key=len)
    return longer.startswith(shorter + " ") or longer.endswith(" " + shorter)


def alternate_names(cities: Iterable[NamedCity], taken: Iterable[str],
                    words: Iterable[str] = (), min_population: int = 0,
                    ) -> dict[str, tuple[int, ...]]:
    """fold(other name) → ids of the cities of `min_population` it is a spelling of, most
    populous first. Left out: names not written in Latin letters or shorter than
    MIN_ALTERNATE_CHARS, and names in `taken` (the gazetteer's own names and any region's)
    or in `words` (common English words), which mean something else first."""
    taken, words = set(taken), set(words)
    ids: dict[str, list[int]] = defaultdict(list)
    for city in sorted(cities, key=lambda c: (-c.population, c.geonames_id)):
        if city.population < min_population:
            continue
        own = fold(city.name)
        for alternate in city.alternate_names:
            if not _NAME.fullmatch(alternate) or not _LATIN.fullmatch(alternate):
                continue
            key = fold(alternate)
            if (len(key) < MIN_ALTERNATE_CHARS or key == own or key in taken or key in words
                    or not is_spelling_of(key, own)):
                continue
            if city.geonames_id not in ids[key]:
                ids[key].append(city.geonames_id)
    return {key: tuple(gids) for key, gids in ids.items()}


def regions_of_one_country(regions: Iterable[Region], taken: Iterable[str],
                           subdivisions: Mapping[str, Iterable[str]]) -> dict[str, Region]:
    """fold(name) → the first-level region outside the US that name means: no other region or
    subdivision of any level, in any country, has it ("Punjab" is Indian and Pakistani), it
    is no name in `taken` (a place of the gazetteer: "Berlin" is the city, whose row has its
    id), not made of POSITION_WORDS alone and not ending in WATER_WORDS."""
    taken = set(taken)
    found: dict[str, list[Region]] = defaultdict(list)
    for region in regions:
        found[fold(region.name)].append(region)
    kept = {}
    for key, same in found.items():
        countries = set(subdivisions.get(key, ())) | {r.country_code for r in same}
        words = key.split()
        if (len(same) == 1 and len(countries) == 1 and key not in taken
                and not set(words) <= POSITION_WORDS and words[-1] not in WATER_WORDS
                and same[0].country_code != "US"):
            kept[key] = same[0]
    return kept
