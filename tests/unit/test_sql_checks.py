"""Data checks (`sql/checks/*.sql` through `run_checks`): a clean tiny warehouse passes them
all; the one bad row each check exists for fails that check and no other."""

from pathlib import PurePosixPath

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
from newsetl.warehouse.connection import connect_memory
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


@pytest.fixture
def warehouse() -> duckdb.DuckDBPyConnection:
    """A clean tiny warehouse: one run, one article with its facts, ledger and quarantine."""
    connection = connect_memory()
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
