"""The analyst fixture warehouse (analyst_fixtures) with what the report draws beyond it:
places with coordinates, recorded partitions (built, failed, missing, stale days) and the
issue-18 tables other work adds (fct_amount_mention, fct_article_tone,
dim_article.story_key), reduced to the columns the issue names.

Days: 2006-01-02 built, 2006-01-03 failed ("disk full"), 2006-01-10 never built (missing),
2006-02-15 built by another model version (stale; its article moved to run-2).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import analyst_fixtures as sample

from newsetl.analyst.report.partition_facts import BuildBasis
from newsetl.transforms.articles.batch import RecordRules
from newsetl.warehouse.connection import connect_writer
from newsetl.warehouse.publish import publish
from newsetl.warehouse.runs import RunVersions

# The versions of the fixture's run-1 (analyst_fixtures.fill): days it built are not stale.
BASIS = BuildBasis(RunVersions("test", "model", "1", "rules"),
                   RecordRules(run_date=date(2026, 12, 3), min_plausible_date=date(1990, 1, 1),
                               naive_timezone="UTC", max_text_chars=200_000))
# entity_key, geonames_id, feature_class, country_code, latitude, longitude
PLACES = [(sample.FRANCE, 3017382, "country", "FR", 46.0, 2.0),
          (sample.PARIS, 2988507, "city", "FR", 48.85341, 2.3488)]
# published_date, status, error
PARTITIONS = [(date(2006, 1, 2), "succeeded", None), (date(2006, 1, 3), "failed", "disk full"),
              (date(2006, 2, 15), "succeeded", None)]
# article_key, surface_text, kind, value, unit
AMOUNTS = [(1, "$3.5 billion", "money", 3.5e9, "USD"), (1, "12%", "percent", 12.0, None),
           (4, "$20 million", "money", 2e7, "USD")]
TONES = [(1, 0.4), (2, 0.1), (3, -0.3), (4, 0.6)]  # article_key, tone
STORIES = {1: 1, 2: 1, 3: 3, 4: 1}  # article_key: story_key


def enriched_published(folder: Path) -> Path:
    """The fixture warehouse with the rows above, published; its path."""
    writer = sample.sample_writer(folder)
    connection = connect_writer(writer)
    try:
        connection.executemany(
            "insert into dim_place (entity_key, geonames_id, feature_class, country_code, "
            "country_name, latitude, longitude, run_id) values (?, ?, ?, ?, 'France', ?, ?, "
            "'run-1')", PLACES)
        connection.execute("update fct_entity_mention set mention_label = 'GPE' "
                           "where entity_key in (?, ?)", [sample.FRANCE, sample.PARIS])
        connection.executemany(
            "insert into etl_partition (published_date, published_date_key, status, articles, "
            "newsetl_version, model_name, model_version, rules_version, run_id, run_kind, "
            "started_at, error) values (?, ?, ?, 1, 'test', 'model', '1', 'rules', 'run-1', "
            "'nightly', ?, ?)",
            [(day, sample.date_key(day), status, datetime(2006, 2, 16, tzinfo=UTC), error)
             for day, status, error in PARTITIONS])
        connection.execute("update etl_run set model_version = '0' where run_id = 'run-2'")
        connection.execute("update dim_article set run_id = 'run-2' where article_key = 4")
        add_issue_18_tables(connection)
    finally:
        connection.close()
    return publish(writer, folder / "published" / "newsetl.duckdb").path


def add_issue_18_tables(connection: object) -> None:
    """The tables and column of issue 18 with the columns it names (replacing any fuller
    definition, so the rows above fit whatever shape they take)."""
    connection.execute("create or replace table fct_amount_mention (article_key bigint, "
                       "surface_text varchar, kind varchar, value double, unit varchar)")
    connection.executemany("insert into fct_amount_mention values (?, ?, ?, ?, ?)", AMOUNTS)
    connection.execute("create or replace table fct_article_tone (article_key bigint, "
                       "tone double, scorer_version varchar)")
    connection.executemany("insert into fct_article_tone values (?, ?, 'lexicon 1')", TONES)
    connection.execute("alter table dim_article add column if not exists story_key bigint")
    for article, story in STORIES.items():
        connection.execute("update dim_article set story_key = ? where article_key = ?",
                           [story, article])


def drop_issue_18_tables(connection: object) -> None:
    """A warehouse from before issue 18: none of its tables or columns."""
    connection.execute("drop table if exists fct_amount_mention")
    connection.execute("drop table if exists fct_article_tone")
    connection.execute("alter table dim_article drop column if exists story_key")
