"""Ledger rows: etl_record, etl_file (counts and file outcome) and etl_file_state."""

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from newsetl.transforms.ledger.rows import (
    FILE_SCHEMA,
    RECORD_OUTCOME_SCHEMA,
    file_rows,
    file_state_rows,
    record_rows,
)

RUN = "run-1"
COUNT_COLUMNS = [
    "records_seen", "records_new", "records_changed", "records_unchanged",
    "records_duplicate", "records_quarantined", "articles_retired",
]  # fmt: skip


def files(*rows: tuple[str, str, str | None]) -> pl.DataFrame:
    """(file_path, read_status, reason_code) with made-up size, mtime and hash."""
    return pl.DataFrame(
        [
            (path, status, reason, "jsonl", "utf-8", 100 + i, 1_000 + i,
             None if status == "unread_unchanged" else f"hash-{path}")
            for i, (path, status, reason) in enumerate(rows)
        ],
        schema=FILE_SCHEMA,
        orient="row",
    )  # fmt: skip


def outcomes(*rows: tuple[str, str]) -> pl.DataFrame:
    """(file_path, outcome), numbered per file."""
    numbered, seen = [], {}
    for path, outcome in rows:
        seen[path] = seen.get(path, 0) + 1
        article = None if outcome == "quarantined" else f"{path}-{seen[path]}"
        numbered.append((path, seen[path], article, article and f"h-{article}", outcome,
                         "X" if outcome == "duplicate" else None,
                         "no_text" if outcome == "quarantined" else None))
    return pl.DataFrame(numbered, schema=RECORD_OUTCOME_SCHEMA, orient="row")


def test_record_rows_are_the_outcomes_with_the_run():
    recorded = outcomes(("a", "new"), ("a", "quarantined"))
    result = record_rows(recorded.with_columns(extra=pl.lit(1)), RUN)
    assert result.columns == ["run_id", *RECORD_OUTCOME_SCHEMA]
    assert_frame_equal(result.drop("run_id"), recorded)
    assert result["run_id"].to_list() == [RUN, RUN]


@pytest.mark.parametrize(
    ("status", "reason", "records", "expected"),
    [
        pytest.param("rejected", "binary_file", [], "quarantined", id="rejected-file"),
        pytest.param("unread_unchanged", None, [], "unchanged", id="skipped-unread"),
        pytest.param("read", None, ["new", "duplicate", "quarantined"], "loaded", id="new"),
        pytest.param("read", None, ["unchanged", "changed"], "loaded", id="changed"),
        pytest.param("read", None, ["duplicate", "unchanged", "quarantined"], "duplicate",
                     id="duplicates"),
        pytest.param("read", None, ["unchanged", "unchanged"], "unchanged", id="all-unchanged"),
        pytest.param("read", None, ["unchanged", "quarantined"], "unchanged",
                     id="unchanged-and-bad"),
        pytest.param("read", None, ["quarantined", "quarantined"], "quarantined",
                     id="every-record-bad"),
    ],
)
def test_file_outcome(status, reason, records, expected):
    result = file_rows(files(("f", status, reason)), outcomes(*(("f", o) for o in records)), RUN)
    assert result["outcome"].to_list() == [expected]
    assert result["reason_code"].to_list() == [reason]


def test_counts_per_file_and_files_without_records_get_zeros():
    ledger = files(("a", "read", None), ("b", "read", None), ("c", "rejected", "undecodable"),
                   ("d", "unread_unchanged", None))
    recorded = outcomes(("a", "new"), ("b", "unchanged"), ("a", "duplicate"), ("a", "new"),
                        ("a", "quarantined"), ("b", "changed"))
    result = file_rows(ledger, recorded, RUN)
    assert result.select("file_path", *COUNT_COLUMNS).rows() == [
        ("a", 4, 2, 0, 0, 1, 1, 0),
        ("b", 2, 0, 1, 1, 0, 0, 0),
        ("c", 0, 0, 0, 0, 0, 0, 0),
        ("d", 0, 0, 0, 0, 0, 0, 0),
    ]
    assert result.columns == [
        "run_id", "file_path", "outcome", "reason_code", "file_format", "encoding",
        "size_bytes", "mtime_ns", "content_hash", *COUNT_COLUMNS,
    ]  # fmt: skip
    assert all(result.schema[name] == pl.Int32() for name in COUNT_COLUMNS)
    assert result["outcome"].to_list() == ["loaded", "loaded", "quarantined", "unchanged"]
    # the sums equal the records: nothing counted twice or dropped
    assert result["records_seen"].sum() == recorded.height


def test_a_file_listed_twice_is_an_error_not_a_double_count():
    with pytest.raises(pl.exceptions.ComputeError):
        file_rows(files(("a", "read", None), ("a", "read", None)), outcomes(("a", "new")), RUN)


def test_file_state_rows_cover_read_and_rejected_files_only():
    ledger = files(("a", "read", None), ("b", "rejected", "file_too_large"),
                   ("c", "unread_unchanged", None), ("d", "rejected", "unreadable"))
    ledger = ledger.with_columns(  # `d` could not even be stat'ed
        pl.when(pl.col("file_path") == "d").then(None).otherwise(pl.col("mtime_ns"))
        .alias("mtime_ns")
    )
    etl_file = file_rows(ledger, outcomes(("a", "new")), RUN)
    result = file_state_rows(ledger, etl_file)
    assert result.rows() == [
        ("a", 100, 1_000, "hash-a", "loaded", RUN),
        ("b", 101, 1_001, "hash-b", "quarantined", RUN),
    ]
    assert result.columns == [
        "file_path", "size_bytes", "mtime_ns", "content_hash", "last_outcome", "last_run_id",
    ]


def test_a_file_that_only_retired_articles_counts_as_loaded():
    retired = pl.DataFrame({"file_path": ["a", "a"], "article_id": ["x", "y"]})
    result = file_rows(files(("a", "read", None)), outcomes(("a", "unchanged")), RUN, retired)
    assert result.select("outcome", "articles_retired").rows() == [("loaded", 2)]
