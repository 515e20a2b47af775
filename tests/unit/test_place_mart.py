"""dim_place through the loader, and golden rows of mart_place_mentions_weekly: place
mentions counted by the place's country (a region without geonames id too), demonym mentions
in their own column, never twice."""

from datetime import date

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from newsetl.flows.loading import load_batch
from newsetl.transforms.entities.schemas import PLACE_SCHEMA
from newsetl.transforms.star_rows import place_rows
from newsetl.warehouse.connection import connect_memory
from newsetl.warehouse.load import LoadBatch
from newsetl.warehouse.migrate import migrate

EGYPT, CAIRO, EGYPTIAN, SPRINGFIELD, ILLINOIS, ALICE, GIZA = 1, 2, 3, 4, 5, 6, 7
# entity_key, geonames_id, feature_class, country_code, country_name, admin1_code,
# admin1_name, latitude, longitude, unlinked_reason
PLACES = [
    (EGYPT, 357994, "country", "EG", "Egypt", None, None, 27.0, 30.0, None),
    (CAIRO, 360630, "city", "EG", "Egypt", "11", None, 30.06, 31.25, None),
    (ILLINOIS, 4896861, "admin1", "US", "United States", "IL", "Illinois", None, None, None),
    (SPRINGFIELD, None, None, None, None, None, None, None, None, "ambiguous"),
    (GIZA, None, "admin1", "EG", "Egypt", None, "Al Jīzah", None, None, "no_geonames_id"),
]
ENTITIES = [(EGYPT, "Egypt", "GPE", None), (CAIRO, "Cairo", "GPE", None),
            (EGYPTIAN, "Egyptian", "NORP", EGYPT), (SPRINGFIELD, "Springfield", "GPE", None),
            (ILLINOIS, "Illinois", "GPE", None), (ALICE, "Alice Smith", "PERSON", None),
            (GIZA, "Giza Governorate", "GPE", None)]
# article_key, entity_key, published_date_key, mention_count: 2024-02-12 is a Monday
ARTICLE_ENTITIES = [
    (10, EGYPT, 20240212, 2), (10, CAIRO, 20240212, 1), (10, EGYPTIAN, 20240212, 3),
    (11, EGYPTIAN, 20240214, 1), (11, SPRINGFIELD, 20240214, 4), (11, ILLINOIS, 20240214, 1),
    (12, CAIRO, 20240219, 1), (12, ALICE, 20240219, 5), (12, GIZA, 20240219, 2),
]


@pytest.fixture
def warehouse() -> duckdb.DuckDBPyConnection:
    connection = connect_memory()
    migrate(connection)
    places = place_rows(pl.DataFrame(PLACES, schema=PLACE_SCHEMA, orient="row"), "r1")
    entities = pl.DataFrame(
        ENTITIES, schema=["entity_key", "canonical_name", "entity_type", "linked_entity_key"],
        orient="row").with_columns(run_id=pl.lit("r1"))
    load_batch(connection, LoadBatch(dim_entity=entities, dim_place=places))
    labels = {key: label for key, _, label, _ in ENTITIES}
    for article, entity, day, count in ARTICLE_ENTITIES:
        connection.execute("insert into fct_article_entity values (?, ?, ?, ?, 0, 'r1')",
                           [article, entity, day, count])
        for i in range(count):
            connection.execute(
                "insert into fct_entity_mention values (?, ?, ?, 'x', ?, ?, ?, 0, 'exact', null,"
                " 'r1')", [article, entity, day, labels[entity], i * 10, i * 10 + 1])
    yield connection
    connection.close()


def test_mart_place_mentions_weekly(warehouse):
    got = warehouse.sql("""
        select country_code, country_name, week_start_date, place_article_count,
            place_mention_count, demonym_article_count, demonym_mention_count
        from mart_place_mentions_weekly order by country_code, week_start_date""").pl()
    expected = pl.DataFrame(
        [("EG", "Egypt", date(2024, 2, 12), 1, 3, 2, 4),
         ("EG", "Egypt", date(2024, 2, 19), 1, 3, 0, 0),  # Cairo 1, the governorate 2
         ("US", "United States", date(2024, 2, 12), 1, 1, 0, 0)],
        schema=got.columns, orient="row")
    assert_frame_equal(got, expected, check_dtypes=False)


def test_every_mention_of_a_country_is_counted_once(warehouse):
    """Place plus demonym mentions are all mentions of the country's places and demonyms."""
    total = warehouse.sql("""
        select sum(place_mention_count + demonym_mention_count) from mart_place_mentions_weekly
        where country_code = 'EG'""").fetchone()[0]
    assert total == 2 + 1 + 3 + 1 + 1 + 2


def test_unlinked_places_are_in_dim_place_but_no_country_counts_them(warehouse):
    assert warehouse.sql("select unlinked_reason from dim_place where entity_key = ?",
                         params=[SPRINGFIELD]).fetchall() == [("ambiguous",)]
    countries = warehouse.sql("select distinct country_code from mart_place_mentions_weekly")
    assert None not in {row[0] for row in countries.fetchall()}


def test_a_place_loaded_again_keeps_its_one_row(warehouse):
    again = place_rows(pl.DataFrame(PLACES[:1], schema=PLACE_SCHEMA, orient="row"), "r2")
    load_batch(warehouse, LoadBatch(dim_place=again))
    assert warehouse.sql("select count(*), min(run_id) from dim_place where entity_key = ?",
                         params=[EGYPT]).fetchone() == (1, "r1")


def test_a_place_whose_map_facts_changed_is_rewritten(warehouse):
    """A newer gazetteer links a place once unlinked: the stored row takes the new facts."""
    linked = (SPRINGFIELD, 4250542, "city", "US", "United States", "IL", "Illinois",
              39.8, -89.64, None)
    again = place_rows(pl.DataFrame([linked], schema=PLACE_SCHEMA, orient="row"), "r2")
    load_batch(warehouse, LoadBatch(dim_place=again))
    assert warehouse.sql("select count(*), min(geonames_id), min(unlinked_reason), min(run_id)"
                         " from dim_place where entity_key = ?",
                         params=[SPRINGFIELD]).fetchone() == (1, 4250542, None, "r2")


def test_a_person_who_shares_a_place_s_name_is_no_mention_of_the_place(warehouse):
    """ "Bush" the president and Bush the town are one entity key; only mentions labelled
    as places count for the town's country."""
    warehouse.execute("insert into fct_entity_mention values (13, ?, 20240219, 'Cairo',"
                      " 'PERSON', 0, 5, 0, 'exact', null, 'r1')", [CAIRO])
    total = warehouse.sql("""
        select sum(place_mention_count) from mart_place_mentions_weekly
        where country_code = 'EG'""").fetchone()[0]
    assert total == 2 + 1 + 1 + 2  # Egypt 2, Cairo 1 + 1, the governorate 2
