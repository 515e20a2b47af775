"""First-level regions outside the US ("Scotland", "New South Wales"): the packages give
them no geonames id, so their `dim_place` row carries their country and name only, and
the weekly place mart counts their mentions for their country."""

import polars as pl

from newsetl.transforms.entities.normalize import normalize_entities
from newsetl.transforms.entities.other_names import Region, regions_of_one_country
from newsetl.transforms.entities.place_facts import region_of
from newsetl.transforms.schemas import NER_SPAN_SCHEMA
from tests.reference import reference_data

REFERENCE = reference_data()
GAZETTEER = REFERENCE.gazetteer


def place_rows_by_name(rows) -> dict[str, tuple]:
    spans = pl.DataFrame(
        [("a1", i * 40, i * 40 + len(t), t, label, i) for i, (t, label) in enumerate(rows)],
        schema=NER_SPAN_SCHEMA, orient="row")
    out = normalize_entities(spans, REFERENCE)
    joined = out.places.join(out.entities, on="entity_key")
    return {r["canonical_name"]: (r["geonames_id"], r["feature_class"], r["country_code"],
                                  r["admin1_code"], r["admin1_name"], r["unlinked_reason"])
            for r in joined.iter_rows(named=True)}


def test_a_region_gets_its_country_and_name_and_says_it_has_no_geonames_id():
    rows = place_rows_by_name([("Scotland", "GPE"), ("New South Wales", "GPE"),
                               ("Middle-earth", "LOC")])
    # geonames uses the ISO code for the parts of the United Kingdom, not for Australia's
    assert rows["Scotland"] == (None, "admin1", "GB", "SCT", "Scotland", "no_geonames_id")
    assert rows["New South Wales"] == (
        None, "admin1", "AU", None, "New South Wales", "no_geonames_id")
    assert rows["Middle-earth"] == (None, None, None, None, None, "unknown")


def test_a_region_stays_its_own_entity_beside_its_country():
    rows = place_rows_by_name([("Wales", "GPE"), ("United Kingdom", "GPE")])
    assert rows["Wales"][2] == rows["United Kingdom"][2] == "GB"
    assert rows["United Kingdom"][1] == "country"


def test_a_name_several_countries_have_is_no_region():
    assert region_of("Punjab", GAZETTEER) is None  # India and Pakistan
    assert region_of("Cardiff", GAZETTEER) is None  # a city, linked with its id


def test_a_federations_region_is_what_its_name_alone_means():
    # "Ontario" alone is never Ontario, California (places.py), so the bare name is the province
    assert region_of("Ontario", GAZETTEER) == Region("CA", None, "Ontario")


def test_positions_and_waters_are_not_regions():
    regions = [Region("CM", None, "West"), Region("CM", None, "Far North"),
               Region("SD", None, "Red Sea"), Region("AU", None, "Northern Territory"),
               Region("IN", None, "Punjab"), Region("PK", None, "Punjab"),
               Region("DE", None, "Bayern"), Region("US", None, "Texas")]
    kept = regions_of_one_country(regions, taken={"bayern"}, subdivisions={})
    assert kept == {"northern territory": Region("AU", None, "Northern Territory")}


def test_a_region_also_a_lower_subdivision_elsewhere_is_left_out():
    regions = [Region("GB", None, "Kentish")]
    assert regions_of_one_country(regions, taken=(), subdivisions={"kentish": {"NZ"}}) == {}
