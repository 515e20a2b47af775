"""An entity's `dim_place` row: a function of its canonical name and the gazetteer alone
(`place_attributes`), so every batch and backfill writes the same one, and the stored rows
an older key function or gazetteer made, which a batch's current rows supersede.

Pure; the linker that gives a mention its canonical name is `places.py`."""

from __future__ import annotations

import polars as pl

from newsetl.transforms.entities.gazetteer import Gazetteer, area_after_comma
from newsetl.transforms.entities.keys import entity_key, name_identity, stale_entity_keys
from newsetl.transforms.entities.other_names import Region
from newsetl.transforms.entities.places import PlaceLink
from newsetl.transforms.entities.reference import fold
from newsetl.transforms.entities.schemas import PLACE_LABELS, PLACE_SCHEMA


def place_attributes(canonical_name: str, gazetteer: Gazetteer) -> PlaceLink:
    """What `dim_place` says of an entity: a function of its canonical name alone (a spelling
    with the key of a place's canonical name is that place: "Thessaloniki"), so every batch
    and backfill gives an entity the same row (and never two geonames ids)."""
    geonames_id = gazetteer.by_canonical.get(canonical_name)
    if geonames_id is None:
        geonames_id = gazetteer.by_identity.get(name_identity(canonical_name))
    if geonames_id is not None:
        return PlaceLink(gazetteer.places[geonames_id], None)
    key = fold(canonical_name)
    known = key in gazetteer.by_name or key in gazetteer.by_alternate
    return PlaceLink(None, "ambiguous" if known else "unknown")


def region_of(canonical_name: str, gazetteer: Gazetteer) -> Region | None:
    """The first-level region outside the US a place name no place of the gazetteer has is
    ("New South Wales", "Scotland"), or None."""
    key = fold(canonical_name)
    if key in gazetteer.by_name and key not in gazetteer.regions:
        return None  # a place the gazetteer has; "Ontario" alone is the province, no city
    return gazetteer.first_level.get(key)


def superseded_places(stored: pl.DataFrame, gazetteer: Gazetteer | None) -> pl.DataFrame:
    """`entity_key, canonical_name, geonames_id` of stored places that share an id with a
    batch's in; the `entity_key`s whose row an older rule made: a key of an older key
    function (`keys.stale_entity_keys`), or, given the current gazetteer, a name it no
    longer links to that id ("Bangor, Wales [Cymru GB-CYM], United Kingdom", before rules
    2026.12.15). The batch's row, made by the current rules, holds the place."""
    stale = stale_entity_keys(stored.select("entity_key", "canonical_name"))
    if gazetteer is None:
        return stale
    renamed = [key for key, name, geonames_id in stored.select(
        "entity_key", "canonical_name", "geonames_id").iter_rows()
        if (place := place_attributes(name, gazetteer).place) is None
        or place.geonames_id != geonames_id]
    return pl.concat([stale, pl.DataFrame({"entity_key": renamed}, schema={
        "entity_key": pl.Int64()})]).unique(maintain_order=True)


def place_rows(mentions: pl.DataFrame, gazetteer: Gazetteer) -> pl.DataFrame:
    """PLACE_SCHEMA rows of resolved mentions (`canonical_name`, `label`, `linked_name`): one
    per entity a mention labelled a place names, linked or with the reason it is not (a
    region outside the US with its country and name), and one per country a demonym links
    to; a town the gazetteer lacks, named with its US state or country, with it.
    Sorted by key. A name no mention calls a place gets
    no row, though the gazetteer knows it: "Bush" the president is not Bush, Egypt."""
    demonyms = pl.col("linked_name").is_not_null()
    labelled = mentions.filter(pl.col("label").is_in(sorted(PLACE_LABELS)) & ~demonyms)
    unlinked = set(labelled["canonical_name"].unique())
    named = unlinked | set(mentions["linked_name"].drop_nulls())
    rows = []
    for name in sorted(named - set(mentions.filter(demonyms)["canonical_name"])):
        place, reason = place_attributes(name, gazetteer)
        if place is not None:
            rows.append((entity_key(name), place.geonames_id, place.feature_class,
                         place.country_code, place.country_name, place.admin1_code,
                         place.admin1_name, place.latitude, place.longitude, None))
        elif name in unlinked and (region := region_of(name, gazetteer)) is not None:
            rows.append((entity_key(name), None, "admin1", region.country_code,
                         gazetteer.country_names.get(region.country_code), region.admin1_code,
                         region.name, None, None, "no_geonames_id"))
        elif name in unlinked and (area := area_after_comma(name, gazetteer)) is not None:
            rows.append((entity_key(name), None, None, area.country_code, area.country_name,
                         area.admin1_code, area.admin1_name, None, None, reason))
        elif name in unlinked:
            rows.append((entity_key(name), *[None] * 8, reason))
    return one_row_per_place(pl.DataFrame(rows, schema=PLACE_SCHEMA, orient="row"))


def one_row_per_place(places: pl.DataFrame) -> pl.DataFrame:
    """One `dim_place` row per key, sorted by key: two spellings of one place ("Thessaloniki",
    "Thessaloníki") share a key, and a linked row goes before an unlinked one."""
    return (places.sort("entity_key", pl.col("geonames_id").is_null(), "geonames_id",
                        "unlinked_reason", nulls_last=True)
            .unique("entity_key", keep="first", maintain_order=True))
