"""Ledger reads: file states for planning, stored identities for classification."""

import polars as pl
from polars.testing import assert_frame_equal

from newsetl.transforms.schemas import EXISTING_SCHEMA
from newsetl.warehouse.ledger import (
    FILE_STATE_SCHEMA,
    articles_from_files,
    file_states,
    stored_articles,
)

ARTICLE = """insert into dim_article (article_key, article_id, natural_key, url, title,
    published_at, published_date, published_date_key, source_key, language, word_count,
    char_count, text, content_hash, file_path, record_number, run_id, language_source, story_key)
    select *, col0 from (values
    (?, ?, ?, null, 'T', timestamptz '2024-02-17 09:00:00+00', date '2024-02-17', 20240217,
     7, 'en', 2, 9, 'some text', ?, 'f.jsonl', 1, 'r1', 'declared'))"""


def identities(*rows: tuple[str, str]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=EXISTING_SCHEMA, orient="row")


def test_file_states_of_an_empty_ledger_keep_their_schema(warehouse):
    states = file_states(warehouse)
    assert states.height == 0
    assert states.schema == pl.Schema(FILE_STATE_SCHEMA)


def test_file_states_are_the_last_known_size_mtime_and_hash(warehouse):
    warehouse.executemany(
        "insert into etl_file_state values (?, ?, ?, ?, ?, ?)",
        [["a.json", 10, 1_700_000_000_123_456_789, "h-a", "loaded", "r1"],
         ["dir/b.txt", None, None, None, "quarantined", "r2"]],
    )
    expected = pl.DataFrame(
        [("a.json", 10, 1_700_000_000_123_456_789, "h-a"), ("dir/b.txt", None, None, None)],
        schema=FILE_STATE_SCHEMA, orient="row",
    )
    assert_frame_equal(file_states(warehouse).sort("file_path"), expected)


def test_stored_articles_share_an_id_or_a_hash_only(warehouse):
    for key, article_id, content_hash in [(1, "A", "h1"), (2, "B", "h2"), (3, "C", "h3"),
                                           (4, "D", "h4")]:
        warehouse.execute(ARTICLE, [key, article_id, f"n/{article_id}", content_hash])
    batch = identities(
        ("A", "changed-hash"),  # same id
        ("X", "h2"),  # same content as B
        ("Y", "new-hash"),  # neither
    )
    result = stored_articles(warehouse, batch)
    assert result.schema == pl.Schema(EXISTING_SCHEMA)
    assert sorted(result.rows()) == [("A", "h1"), ("B", "h2")]


def test_stored_articles_of_an_empty_batch(warehouse):
    warehouse.execute(ARTICLE, [1, "A", "n/A", "h1"])
    result = stored_articles(warehouse, identities())
    assert result.height == 0
    assert result.schema == pl.Schema(EXISTING_SCHEMA)


def test_stored_articles_ignore_extra_columns_and_leave_no_view_behind(warehouse):
    warehouse.execute(ARTICLE, [1, "A", "n/A", "h1"])
    batch = identities(("A", "h1")).with_columns(text=pl.lit("body"))
    assert stored_articles(warehouse, batch).rows() == [("A", "h1")]
    assert warehouse.sql(
        "select count(*) from duckdb_views() where view_name like 'staged_%'"
    ).fetchone() == (0,)


RAW = """insert into raw_article (article_id, content_hash, is_current, run_id, file_path,
    record_number, file_format) values (?, ?, ?, 'r1', ?, 1, 'jsonl')"""


def test_articles_from_files_are_the_current_versions_read_from_them(warehouse):
    for key, article_id in [(1, "A"), (2, "B"), (3, "C")]:
        warehouse.execute(ARTICLE, [key, article_id, f"n/{article_id}", f"h{article_id}"])
    warehouse.executemany(RAW, [
        ["A", "hA", True, "feed.jsonl"],
        ["B", "old", False, "feed.jsonl"],  # B's version from feed.jsonl was replaced...
        ["B", "hB", True, "other.jsonl"],  # ...by one from another file
        ["C", "hC", True, "elsewhere.jsonl"],
    ])
    result = articles_from_files(warehouse, ["feed.jsonl", "missing.jsonl"])
    assert result.rows() == [("A", 1, "feed.jsonl")]
    assert result.schema == pl.Schema(
        {"article_id": pl.String(), "article_key": pl.Int64(), "file_path": pl.String()})
    assert articles_from_files(warehouse, []).height == 0
