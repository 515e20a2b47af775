"""Data checks (`sql/checks/*.sql` through `run_checks`): a clean tiny warehouse passes them
all; the one bad row each check exists for fails that check and no other."""

import shutil
from pathlib import Path, PurePosixPath

import duckdb
import polars as pl
import pytest

from newsetl.transforms.ledger.rows import (
    FILE_SCHEMA,
    RECORD_OUTCOME_SCHEMA,
    file_rows,
    record_rows,
)
from newsetl.transforms.ledger.run_counts import batch_counts
from newsetl.warehouse.checks import DataCheckError, run_checks
from newsetl.warehouse.connection import connect_writer
from newsetl.warehouse.migrate import migrate
from newsetl.warehouse.runs import RunCounts, RunRecord, RunVersions, save_counts, start_run
from newsetl.warehouse.sql_files import list_sql

RUN = "r1"
OLD_RUN = "r0"
ALL_CHECKS = sorted(PurePosixPath(path).stem for path in list_sql("checks"))

ARTICLE = """insert into dim_article (article_key, article_id, natural_key, url, title,
    published_at, published_date, published_date_key, source_key, language, word_count,
    char_count, text, content_hash, file_path, record_number, run_id, language_source, story_key)
    select *, col0 from (values
    (?, ?, ?, null, 'T', timestamptz '2024-02-17 09:00:00+00', date '2024-02-17', 20240217,
     7, 'en', 2, 9, 'some text', ?, 'f1.jsonl', 1, ?, 'declared'))"""
RAW = """insert into raw_article (article_id, content_hash, is_current, run_id, file_path,
    record_number, file_format) values (?, ?, ?, ?, 'f1.jsonl', 1, 'jsonl')"""
MENTION = """insert into fct_entity_mention values
    (?, ?, 20240217, 'Erdogan', 'PERSON', ?, ?, 0, 'exact', null, ?)"""
ROLLUP = "insert into fct_article_entity values (?, ?, 20240217, ?, ?, ?)"
SENTENCE_TONE = "insert into fct_sentence_tone values (?, 20240217, ?, 0, 9, ?, ?)"
ARTICLE_TONE = ("insert into fct_article_tone values (?, 20240217, ?, 1, 0.0, 0.0, "
                "'vadersentiment-3.3.2', ?)")
DATE_MENTION = """insert into fct_date_mention values
    (?, 20240217, 'Wednesday', 20, 29, 0, 'spacy', date '2024-02-14', 20240214, 'day', null,
     false, ?, date '2024-02-14', date '2024-02-14', 'publication')"""
AMOUNT_MENTION = """insert into fct_amount_mention values
    (?, 20240217, '$3.5 billion', 30, 42, 0, 'money', ?, 'USD', 'billion', null, null, null,
     ?, ?)"""
PLACE = """insert into dim_place values
    (?, ?, 'city', 'US', 'United States', 'IL', 'Illinois', 39.8, -89.6, ?, ?)"""
AUTHOR = "insert into dim_author values (?, 'Jane Doe', 'jane doe', ?)"
BRIDGE = "insert into bridge_article_author values (?, ?, ?, 'Jane Doe', ?)"
QUARANTINE = """insert into quarantine (run_id, file_path, record_number, reason_code)
    values (?, ?, ?, ?)"""



def unkeyed(table: str) -> tuple[str, list]:
    """The table rebuilt without its primary key or unique constraint, as on DuckLake (which
    enforces none), so a duplicate key can be stored and its check must catch it."""
    return (f"create or replace table {table} as select * from {table}", [])


def copied(table: str, where: str, **changes: str) -> tuple[str, list]:
    """A copy of `table`'s rows matching `where`, with `changes` (column -> SQL expression)."""
    replace = ", ".join(f"{value} as {column}" for column, value in changes.items())
    columns = f"* replace ({replace})" if replace else "*"
    return (f"insert into {table} select {columns} from {table} where {where}", [])


ALIAS = "insert into dim_entity_alias values ('Erdogan', 100, 'exact', null, ?)"
FILE_STATE = "insert into etl_file_state values ('f1.jsonl', 10, 1, 'fh1', 'read', ?)"
PARTITION = """insert into etl_partition (published_date, published_date_key, status,
    newsetl_version, model_name, model_version, rules_version, run_id, run_kind, started_at)
    values (date '2024-02-17', 20240217, 'succeeded', '0', 'model', 'model-1', 'rules-1', ?,
    'nightly', timestamptz '2024-02-18 02:00:00+00')"""
IGNORED_FIELD = "insert into etl_ignored_field values (?, 'extra', 1, 'f1.jsonl')"
SEARCH_DOCUMENT = "insert into search_document values (1, 2)"

def ledger() -> tuple[pl.DataFrame, pl.DataFrame]:
    """etl_file and etl_record rows of the run, made by the real transforms: f1.jsonl with a
    new article and a quarantined record, bad.bin rejected whole."""
    files = pl.DataFrame(
        [("f1.jsonl", "read", None, "jsonl", "utf-8", 10, 1, "fh1"),
         ("bad.bin", "rejected", "binary_file", None, None, 5, 1, "fh2")],
        schema=FILE_SCHEMA, orient="row",
    )  # fmt: skip
    outcomes = pl.DataFrame(
        [("f1.jsonl", 1, "A", "h1", "new", None, None),
         ("f1.jsonl", 2, None, None, "quarantined", None, "no_text")],
        schema=RECORD_OUTCOME_SCHEMA, orient="row",
    )  # fmt: skip
    return file_rows(files, outcomes, RUN), record_rows(outcomes, RUN)


@pytest.fixture(scope="module")
def clean_warehouse_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean tiny warehouse: one run, one article with its facts, ledger and quarantine;
    built once (creating the schema costs most of a test's time), copied by each test."""
    path = tmp_path_factory.mktemp("checks") / "clean.duckdb"
    connection = connect_writer(path)
    migrate(connection)
    versions = RunVersions("0", "model", "model-1", "rules-1")
    for run_id in (OLD_RUN, RUN):
        start_run(connection, RunRecord(run_id=run_id, run_kind="nightly", versions=versions))
    etl_file, etl_record = ledger()
    connection.register("staged_file", etl_file)
    connection.register("staged_record", etl_record)
    connection.execute("insert into etl_file by name select * from staged_file")
    connection.execute("insert into etl_record by name select * from staged_record")
    save_counts(connection, RUN, RunCounts(**batch_counts(etl_file, 2, 1)))
    connection.execute(QUARANTINE, [RUN, "f1.jsonl", 2, "no_text"])
    connection.execute(QUARANTINE, [RUN, "bad.bin", None, "binary_file"])
    connection.execute(RAW, ["A", "h1", True, RUN])
    connection.execute(ARTICLE, [1, "A", "n/A", "h1", RUN])
    connection.execute("insert into dim_source values (7, 'unknown', ?)", [RUN])
    connection.execute("insert into dim_entity values (100, 'Erdogan', 'PERSON', null, ?)", [RUN])
    connection.execute(PLACE, [200, 4250542, None, RUN])
    connection.execute(MENTION, [1, 100, 0, 7, RUN])
    connection.execute(MENTION, [1, 100, 40, 47, RUN])
    connection.execute(ROLLUP, [1, 100, 2, 0, RUN])
    connection.execute(DATE_MENTION, [1, RUN])
    connection.execute(AMOUNT_MENTION, [1, 3.5e9, None, RUN])
    connection.execute(AUTHOR, [300, RUN])
    connection.execute(BRIDGE, [1, 300, 1, RUN])
    connection.close()
    return path


@pytest.fixture
def warehouse(clean_warehouse_file: Path, tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """This test's copy of the clean tiny warehouse."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(clean_warehouse_file, copy)
    connection = connect_writer(copy)
    yield connection
    connection.close()


# For each check: the bad state it exists for, as statements of (sql, parameters).
BAD_CASES = {
    "assert_dim_article_matches_current_raw": [
        pytest.param([(RAW, ["A", "h0", True, RUN])], id="two-current-raw-versions"),
        pytest.param([("update raw_article set is_current = false", [])], id="no-current-raw"),
        pytest.param([("update raw_article set is_current = false", []),
                      (RAW, ["A", "h9", True, RUN])], id="current-raw-is-another-version"),
    ],
    "assert_dim_article_natural_key_unique": [
        pytest.param([(ARTICLE, [2, "A-copy", "n/A", "h1-copy", OLD_RUN])],
                     id="same-natural-key-loaded-earlier"),
        pytest.param([(ARTICLE, [2, "A", "n/A", "h0", OLD_RUN])],
                     id="same-article-id-loaded-earlier"),
    ],
    "assert_dim_article_key_unique": [
        # Another article (its own natural key and current raw version) hashed to key 1.
        pytest.param([(ARTICLE, [1, "B", "n/B", "h2", RUN]), (RAW, ["B", "h2", True, RUN])],
                     id="two-natural-keys-one-article-key"),
    ],
    "assert_raw_article_version_unique": [
        pytest.param([(RAW, ["A", "h1", False, OLD_RUN])], id="one-version-stored-twice"),
    ],
    "assert_dim_place_one_geonames_id": [
        pytest.param([(PLACE, [201, 4250542, None, RUN])], id="two-entities-one-place"),
        pytest.param([(PLACE, [202, None, None, RUN])], id="linked-without-an-id"),
        pytest.param([(PLACE, [203, 4250543, "ambiguous", RUN])], id="unlinked-with-an-id"),
    ],
    "assert_etl_file_counts_reconcile": [
        pytest.param([("insert into etl_record values (?, 'f1.jsonl', 3, 'B', 'h1', "
                       "'duplicate', 'A', null)", [RUN])], id="record-not-counted"),
    ],
    "assert_etl_run_counts_reconcile": [
        pytest.param([("insert into etl_file (run_id, file_path, outcome) "
                       "values (?, 'late.json', 'unchanged')", [RUN])], id="file-not-counted"),
        pytest.param([("update etl_run set articles_new = 2 where run_id = ?", [RUN])],
                     id="summary-off-by-one"),
        pytest.param([("update etl_run set articles_retired = 1 where run_id = ?", [RUN])],
                     id="retired-not-in-the-file-ledger"),
    ],
    "assert_fct_article_entity_matches_mentions": [
        pytest.param([(MENTION, [1, 100, 80, 87, RUN])], id="mention-not-rolled-up"),
        pytest.param([(ROLLUP, [1, 101, 1, 0, RUN])], id="roll-up-without-mentions"),
    ],
    "assert_fct_amount_mention_has_article": [
        pytest.param([(AMOUNT_MENTION, [999, 3.5e9, None, RUN])], id="orphan-amount"),
    ],
    "assert_fct_amount_mention_value_or_reason": [
        pytest.param([(AMOUNT_MENTION, [1, None, None, RUN])], id="neither-value-nor-reason"),
        pytest.param([(AMOUNT_MENTION, [1, 3.5e9, "vague", RUN])], id="value-and-reason"),
        pytest.param([("update fct_amount_mention set unit = null", [])],
                     id="value-without-unit"),
    ],
    "assert_fct_date_mention_has_article": [
        pytest.param([(DATE_MENTION, [999, RUN])], id="orphan-date-mention"),
    ],
    "assert_fct_entity_mention_has_article": [
        pytest.param([(MENTION, [999, 100, 0, 7, RUN]), (ROLLUP, [999, 100, 1, 0, RUN])],
                     id="orphan-mention"),
    ],
    "assert_fct_entity_mention_has_entity": [
        pytest.param([(MENTION, [1, 555, 0, 7, RUN]), (ROLLUP, [1, 555, 1, 0, RUN])],
                     id="unknown-entity"),
    ],
    "assert_dim_article_story_key_is_first": [
        pytest.param([("update dim_article set story_key = 999", [])],
                     id="story-key-names-no-article"),
        pytest.param([("update dim_article set story_key = null", [])], id="no-story-key"),
        # A copy published at the same time with a smaller key is the story's first.
        pytest.param([("insert into dim_article select * replace (0 as article_key, 'Z' as "
                       "article_id, 'n/Z' as natural_key) from dim_article", []),
                      (RAW, ["Z", "h1", True, RUN])], id="story-key-not-its-earliest"),
    ],
    "assert_story_lsh_band_has_article": [
        pytest.param([("insert into story_lsh_band values (999, 0, 1, [1, 2, 3, 4], ?)",
                       [RUN])], id="bands-of-a-gone-article"),
    ],
    "assert_bridge_article_author_has_article": [
        pytest.param([(BRIDGE, [999, 300, 1, RUN])], id="author-of-no-article"),
    ],
    "assert_bridge_article_author_has_author": [
        pytest.param([(BRIDGE, [1, 301, 2, RUN])], id="unknown-author"),
    ],
    "assert_bridge_article_author_unique": [
        pytest.param([(BRIDGE, [1, 300, 2, RUN])], id="same-author-twice"),
        pytest.param([(AUTHOR, [301, RUN]), (BRIDGE, [1, 301, 1, RUN])],
                     id="two-authors-one-position"),
    ],
    "assert_tone_in_range": [
        pytest.param([(SENTENCE_TONE, [1, 0, 1.5, RUN])], id="sentence-above-one"),
    ],
    "assert_fct_article_tone_one_per_english_article": [
        pytest.param([(SENTENCE_TONE, [1, 0, 0.2, RUN]), (ARTICLE_TONE, [1, 0.2, RUN]),
                      (ARTICLE_TONE, [1, 0.2, RUN])], id="two-rows-one-article"),
        pytest.param([(SENTENCE_TONE, [1, 0, 0.2, RUN]), (SENTENCE_TONE, [1, 1, 0.4, RUN]),
                      (ARTICLE_TONE, [1, 0.3, RUN])], id="sentence-count-off"),
        pytest.param([("update dim_article set language = 'de'", []),
                      (SENTENCE_TONE, [1, 0, 0.2, RUN]), (ARTICLE_TONE, [1, 0.2, RUN])],
                     id="german-article-scored"),
    ],
    "assert_fct_sentence_tone_has_article": [
        pytest.param([(SENTENCE_TONE, [999, 0, 0.2, RUN])], id="orphan-sentence"),
    ],
    # Keys the DuckDB file's constraints hold and DuckLake does not: rebuilt unkeyed first.
    "assert_dim_source_key_unique": [
        pytest.param([unkeyed("dim_source"), copied("dim_source", "source_key = 7")],
                     id="one-source-key-twice"),
    ],
    "assert_dim_entity_key_unique": [
        pytest.param([unkeyed("dim_entity"), copied("dim_entity", "entity_key = 100")],
                     id="one-entity-key-twice"),
    ],
    "assert_dim_entity_alias_key_unique": [
        pytest.param([unkeyed("dim_entity_alias"), (ALIAS, [RUN]), (ALIAS, [RUN])],
                     id="one-alias-twice"),
    ],
    "assert_dim_place_key_unique": [
        pytest.param([unkeyed("dim_place"), copied("dim_place", "entity_key = 200")],
                     id="one-place-twice"),
    ],
    "assert_dim_author_key_unique": [
        pytest.param([unkeyed("dim_author"), copied("dim_author", "author_key = 300")],
                     id="one-author-key-twice"),
    ],
    "assert_dim_date_key_unique": [
        pytest.param([unkeyed("dim_date"), copied("dim_date", "date_key = 20240217",
                                                  full_date="date '2300-01-01'")],
                     id="one-date-key-two-days"),
    ],
    "assert_dim_date_full_date_unique": [
        pytest.param([unkeyed("dim_date"), copied("dim_date", "date_key = 20240217",
                                                  date_key="99999999")],
                     id="one-day-two-keys"),
    ],
    "assert_etl_run_key_unique": [
        pytest.param([unkeyed("etl_run"), copied("etl_run", f"run_id = '{RUN}'")],
                     id="one-run-twice"),
    ],
    "assert_etl_file_state_key_unique": [
        pytest.param([unkeyed("etl_file_state"), (FILE_STATE, [RUN]), (FILE_STATE, [RUN])],
                     id="one-file-two-states"),
    ],
    "assert_etl_partition_key_unique": [
        pytest.param([unkeyed("etl_partition"), (PARTITION, [RUN]), (PARTITION, [RUN])],
                     id="one-day-two-states"),
    ],
    "assert_etl_ignored_field_key_unique": [
        pytest.param([unkeyed("etl_ignored_field"), (IGNORED_FIELD, [RUN]),
                      (IGNORED_FIELD, [RUN])], id="one-field-twice"),
    ],
    "assert_search_document_key_unique": [
        pytest.param([unkeyed("search_document"), (SEARCH_DOCUMENT, []), (SEARCH_DOCUMENT, [])],
                     id="one-article-two-documents"),
    ],
    "assert_schema_migration_key_unique": [
        pytest.param([unkeyed("schema_migration"), copied("schema_migration", "version = 1")],
                     id="one-version-applied-twice"),
    ],
    "assert_quarantine_reconciles": [
        pytest.param([(QUARANTINE, [RUN, "f1.jsonl", 3, "no_text"])],
                     id="reason-row-without-outcome"),
        pytest.param([("delete from quarantine where record_number is null", [])],
                     id="rejected-file-without-reason-row"),
    ],
}


def test_every_check_has_a_golden_bad_case():
    assert sorted(BAD_CASES) == ALL_CHECKS, (
        "each sql/checks file needs a bad case here that only it catches"
    )


def test_a_clean_warehouse_passes_every_check(warehouse):
    assert sorted(run_checks(warehouse, RUN)) == ALL_CHECKS


@pytest.mark.parametrize(
    ("check", "statements"),
    [pytest.param(check, *case.values, id=f"{check}-{case.id}")
     for check, cases in BAD_CASES.items() for case in cases],
)
def test_the_bad_row_fails_its_check_and_no_other(warehouse, check, statements):
    for sql, parameters in statements:
        warehouse.execute(sql, parameters)
    with pytest.raises(DataCheckError) as error:
        run_checks(warehouse, RUN)
    assert [failure.check for failure in error.value.failures] == [check]
    assert error.value.failures[0].bad_rows >= 1
    assert check in str(error.value)


@pytest.mark.parametrize(
    "statements",
    [
        pytest.param([(MENTION, [999, 100, 0, 7, OLD_RUN]), (ROLLUP, [999, 100, 1, 0, OLD_RUN])],
                     id="orphan-mention"),
        pytest.param([(DATE_MENTION, [999, OLD_RUN])], id="orphan-date-mention"),
        pytest.param([(AMOUNT_MENTION, [999, None, "vague", OLD_RUN])], id="orphan-amount"),
        pytest.param([(BRIDGE, [999, 300, 1, OLD_RUN])], id="orphan-author-row"),
        pytest.param([(QUARANTINE, [OLD_RUN, "x", 1, "no_text"])], id="quarantine-row"),
        pytest.param([("insert into etl_file (run_id, file_path, outcome) "
                       "values (?, 'x', 'loaded')", [OLD_RUN])], id="file-row"),
    ],
)
def test_checks_judge_only_their_own_run(warehouse, statements):
    for sql, parameters in statements:
        warehouse.execute(sql, parameters)
    assert sorted(run_checks(warehouse, RUN)) == ALL_CHECKS
    with pytest.raises(DataCheckError):
        run_checks(warehouse, OLD_RUN)
