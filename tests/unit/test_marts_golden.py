"""Golden rows for every `sql/marts/mart_*` object, on the hand-written sample warehouse."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import analyst_fixtures as sample
import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from newsetl.warehouse.sql_files import list_sql, read_sql

A, C, F, P = sample.ALICE, sample.ACME, sample.FRANCE, sample.PARIS
D = date


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    path = sample.sample_published(tmp_path_factory.mktemp("marts"))
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def frame(connection: duckdb.DuckDBPyConnection, sql: str) -> pl.DataFrame:
    return connection.sql(sql).pl()


def test_every_mart_file_has_a_purpose_and_a_grain_and_defines_its_name():
    paths = list_sql("marts")
    assert any(Path(p).stem.startswith("mart_") for p in paths)
    for path in paths:
        text, name = read_sql(path), Path(path).stem
        assert name.startswith(("mart_", "agg_")), path
        assert text.startswith(f"-- {name}"), path
        assert re.search(r"^-- Grain: ", text, re.MULTILINE), path
        assert re.search(rf"create (or replace|table if not exists) \w* ?{name}\b", text), path


def test_mart_entity_mentions_daily(published):
    got = frame(published, "select entity_key, published_date, article_count, mention_count "
                "from mart_entity_mentions_daily order by entity_key, published_date")
    expected = pl.DataFrame(
        [(A, D(2006, 1, 2), 1, 1), (A, D(2006, 1, 3), 1, 2), (A, D(2006, 2, 15), 1, 1),
         (C, D(2006, 1, 2), 1, 1), (C, D(2006, 1, 3), 1, 1), (C, D(2006, 2, 15), 1, 2),
         (F, D(2006, 1, 2), 1, 1), (F, D(2006, 1, 3), 1, 1), (F, D(2006, 1, 10), 1, 1),
         (P, D(2006, 1, 2), 1, 1), (P, D(2006, 1, 10), 1, 1)],
        schema=["entity_key", "published_date", "article_count", "mention_count"],
        orient="row")
    assert_frame_equal(got, expected)


def test_mart_entity_mentions_daily_carries_name_and_type(published):
    got = frame(published, "select distinct entity_key, canonical_name, entity_type "
                "from mart_entity_mentions_daily order by entity_key")
    expected = pl.DataFrame(sample.ENTITIES, schema=got.columns, orient="row")
    assert_frame_equal(got, expected)


def test_mart_entity_mentions_weekly_groups_by_iso_week_from_monday(published):
    got = frame(published, "select entity_key, iso_year, iso_week, week_start_date, "
                "article_count, mention_count from mart_entity_mentions_weekly "
                "order by entity_key, week_start_date")
    expected = pl.DataFrame(
        [(A, 2006, 1, D(2006, 1, 2), 2, 3), (A, 2006, 7, D(2006, 2, 13), 1, 1),
         (C, 2006, 1, D(2006, 1, 2), 2, 2), (C, 2006, 7, D(2006, 2, 13), 1, 2),
         (F, 2006, 1, D(2006, 1, 2), 2, 2), (F, 2006, 2, D(2006, 1, 9), 1, 1),
         (P, 2006, 1, D(2006, 1, 2), 1, 1), (P, 2006, 2, D(2006, 1, 9), 1, 1)],
        schema={"entity_key": pl.Int64, "iso_year": pl.Int16, "iso_week": pl.Int8,
                "week_start_date": pl.Date, "article_count": pl.Int64,
                "mention_count": pl.Int64}, orient="row")
    assert_frame_equal(got, expected)


def test_mart_top_entities_ranks_within_type_in_the_range(published):
    got = frame(published, "select * from mart_top_entities('2006-01-01', '2006-01-31') "
                "order by entity_type, type_rank")
    expected = pl.DataFrame(
        [("GPE", 1, F, "France", 3, 3, 2), ("GPE", 2, P, "Paris", 2, 2, 2),
         ("ORG", 1, C, "Acme Corp", 2, 2, 1), ("PERSON", 1, A, "Alice Smith", 2, 3, 1)],
        schema=got.columns, orient="row")
    assert_frame_equal(got, expected)


def test_mart_top_entities_range_bounds_are_inclusive_and_ties_break_by_name(published):
    got = frame(published, "select entity_type, type_rank, canonical_name, article_count "
                "from mart_top_entities(date '2006-01-10', date '2006-01-10') "
                "order by entity_type, type_rank")
    expected = pl.DataFrame([("GPE", 1, "France", 1), ("GPE", 2, "Paris", 1)],
                            schema=got.columns, orient="row")
    assert_frame_equal(got, expected)


def test_mart_entity_cooccurrence_counts_articles_per_unordered_pair(published):
    got = frame(published, "select entity_a_name, entity_b_name, article_count, "
                "first_published_date, last_published_date from mart_entity_cooccurrence "
                "order by article_count desc, entity_a_key, entity_b_key")
    expected = pl.DataFrame(
        [("Alice Smith", "Acme Corp", 3, D(2006, 1, 2), D(2006, 2, 15)),
         ("Alice Smith", "France", 2, D(2006, 1, 2), D(2006, 1, 3)),
         ("Acme Corp", "France", 2, D(2006, 1, 2), D(2006, 1, 3)),
         ("France", "Paris", 2, D(2006, 1, 2), D(2006, 1, 10)),
         ("Alice Smith", "Paris", 1, D(2006, 1, 2), D(2006, 1, 2)),
         ("Acme Corp", "Paris", 1, D(2006, 1, 2), D(2006, 1, 2))],
        schema=got.columns, orient="row")
    assert_frame_equal(got, expected)


def test_mart_entity_cooccurrence_reads_the_same_on_the_writer_as_published(published,
                                                                            tmp_path):
    """The writer keeps the aggregate; publishing copies it, builds nothing."""
    query = "select * from mart_entity_cooccurrence order by entity_a_key, entity_b_key"
    writer = duckdb.connect(str(sample.sample_writer(tmp_path)), read_only=True)
    try:
        assert writer.sql(query).fetchall() == published.sql(query).fetchall()
    finally:
        writer.close()


def test_mart_entity_timeline_lists_an_entitys_articles_in_order(published):
    got = frame(published, "select published_date, article_key, title, source_name, "
                "mention_count from mart_entity_timeline where canonical_name = 'Alice Smith' "
                "order by published_at")
    expected = pl.DataFrame(
        [(D(2006, 1, 2), 1, "Acme opens an office in Paris", "Wikinews", 1),
         (D(2006, 1, 3), 2, "Alice Smith joins Acme", "Wikinews", 2),
         (D(2006, 2, 15), 4, "Acme profits rise", "Daily Planet", 1)],
        schema={"published_date": pl.Date, "article_key": pl.Int64, "title": pl.String,
                "source_name": pl.String, "mention_count": pl.Int32}, orient="row")
    assert_frame_equal(got, expected)


def test_mart_entity_timeline_has_one_row_per_article_entity(published):
    got = published.sql("select count(*) from mart_entity_timeline").fetchone()
    assert got == (len(sample.ARTICLE_ENTITIES),)


def test_mart_source_volume(published):
    got = frame(published, "select source_name, published_date, article_count, word_count "
                "from mart_source_volume order by source_key, published_date")
    words = {key: len(text.split()) for key, _, _, _, text in sample.ARTICLES}
    expected = pl.DataFrame(
        [("Wikinews", D(2006, 1, 2), 1, words[1]), ("Wikinews", D(2006, 1, 3), 1, words[2]),
         ("Daily Planet", D(2006, 1, 10), 1, words[3]),
         ("Daily Planet", D(2006, 2, 15), 1, words[4])],
        schema=got.columns, orient="row")
    assert_frame_equal(got, expected)


def test_mart_date_mentions_vs_publication_relations(published):
    got = frame(published, "select article_key, surface_text, days_from_publication, relation "
                "from mart_date_mentions_vs_publication order by article_key, resolved_date")
    expected = pl.DataFrame(
        [(1, "Monday", 0, "current"), (1, "next week", 7, "future"),
         (2, "2004", -733, "past"),
         (3, "the 2000s", -2201, "current"), (3, "March 2006", 50, "future"),
         (4, "yesterday", -1, "past"), (4, "some day", None, "unresolved")],
        schema=got.columns, orient="row")
    assert_frame_equal(got, expected)


def test_mart_date_mentions_a_month_containing_the_publication_date_is_current():
    connection = duckdb.connect()
    connection.execute("create table dim_article (article_key bigint, published_date date)")
    connection.execute(
        "create table fct_date_mention (article_key bigint, surface_text varchar, "
        "resolved_date date, resolution varchar, is_ambiguous boolean, "
        "unresolved_reason varchar)")
    connection.execute("insert into dim_article values (1, '2006-03-31'), (2, '2006-04-01')")
    connection.execute("insert into fct_date_mention values "
                       "(1, 'March', '2006-03-01', 'month', false, null), "
                       "(2, 'March', '2006-03-01', 'month', false, null)")
    connection.execute(read_sql("marts/mart_date_mentions_vs_publication.sql"))
    got = connection.sql("select relation from mart_date_mentions_vs_publication "
                         "order by article_key").fetchall()
    assert got == [("current",), ("past",)]


def test_story_counts_count_copies_of_one_story_once(published):
    # Articles 1 and 2 (week 1) are one story (sample.STORY_KEYS); 3 and 4 their own.
    got = frame(published, "select entity_key, week_start_date, article_count, story_count "
                "from mart_entity_mentions_weekly order by entity_key, week_start_date")
    assert got.rows() == [
        (A, D(2006, 1, 2), 2, 1), (A, D(2006, 2, 13), 1, 1),
        (C, D(2006, 1, 2), 2, 1), (C, D(2006, 2, 13), 1, 1),
        (F, D(2006, 1, 2), 2, 1), (F, D(2006, 1, 9), 1, 1),
        (P, D(2006, 1, 2), 1, 1), (P, D(2006, 1, 9), 1, 1)]


def test_mart_stories_lists_each_story_with_its_first_article(published):
    got = frame(published, "select story_key, first_title, article_count, source_count, "
                "last_published_at::date as last_day from mart_stories order by story_key")
    assert got.rows() == [
        (1, "Acme opens an office in Paris", 2, 1, D(2006, 1, 3)),
        (3, "French election results", 1, 1, D(2006, 1, 10)),
        (4, "Acme profits rise", 1, 1, D(2006, 2, 15))]
