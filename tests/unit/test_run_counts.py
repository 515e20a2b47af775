"""batch_counts: a batch's contribution to etl_run, summed from its etl_file rows."""

from dataclasses import fields

import polars as pl

from newsetl.transforms.ledger.rows import FILE_SCHEMA, RECORD_OUTCOME_SCHEMA, file_rows
from newsetl.transforms.ledger.run_counts import batch_counts
from newsetl.warehouse.runs import RunCounts


def file_ledger(rows: list[tuple[str, int, int, int, int, int, int]]) -> pl.DataFrame:
    """(outcome, records_seen, new, changed, unchanged, duplicate, quarantined) per file."""
    return pl.DataFrame(
        [(f"f{i}", *row) for i, row in enumerate(rows)],
        schema={"file_path": pl.String(), "outcome": pl.String(), "records_seen": pl.Int32(),
                "records_new": pl.Int32(), "records_changed": pl.Int32(),
                "records_unchanged": pl.Int32(), "records_duplicate": pl.Int32(),
                "records_quarantined": pl.Int32()},
        orient="row",
    ).with_columns(pl.lit(0, pl.Int32).alias("articles_retired"))


def test_counts_by_file_outcome_and_record_sums():
    ledger = file_ledger([
        ("loaded", 5, 2, 1, 0, 1, 1),
        ("loaded", 1, 1, 0, 0, 0, 0),
        ("unchanged", 0, 0, 0, 0, 0, 0),
        ("duplicate", 2, 0, 0, 1, 1, 0),
        ("quarantined", 0, 0, 0, 0, 0, 0),
        ("quarantined", 3, 0, 0, 0, 0, 3),
    ])
    assert batch_counts(ledger, entity_mentions=17, date_mentions=4, articles_untagged=2) == {
        "files_seen": 6,
        "files_loaded": 2,
        "files_unchanged": 1,
        "files_duplicate": 1,
        "files_quarantined": 2,
        "records_seen": 11,
        "articles_new": 3,
        "articles_changed": 1,
        "articles_unchanged": 1,
        "articles_duplicate": 2,
        "records_quarantined": 4,
        "articles_retired": 0,
        "entity_mentions": 17,
        "date_mentions": 4,
        "articles_untagged": 2,
    }


def test_empty_batch_counts_zero_not_null():
    counts = batch_counts(file_ledger([]), entity_mentions=0, date_mentions=0)
    assert set(counts.values()) == {0}
    assert all(type(value) is int for value in counts.values())


def test_names_are_exactly_the_run_counts_fields():
    counts = batch_counts(file_ledger([("loaded", 1, 1, 0, 0, 0, 0)]), 0, 0)
    assert list(counts) == [f.name for f in fields(RunCounts)]
    assert RunCounts(**counts).files_loaded == 1


def test_counts_from_real_file_rows_match_the_records():
    files = pl.DataFrame(
        [
            ("a", "read", None, None, None, 1, 1, "h"),
            ("b", "rejected", "binary_file", None, None, 1, 1, "h2"),
        ],
        schema=FILE_SCHEMA, orient="row",
    )
    records = pl.DataFrame(
        [
            ("a", 1, "x", "hx", "new", None, None),
            ("a", 2, None, None, "quarantined", None, "no_text"),
        ],
        schema=RECORD_OUTCOME_SCHEMA, orient="row",
    )
    counts = batch_counts(file_rows(files, records, "r"), entity_mentions=3, date_mentions=0)
    assert (counts["files_seen"], counts["files_loaded"], counts["files_quarantined"]) == (2, 1, 1)
    assert (counts["records_seen"], counts["articles_new"], counts["records_quarantined"]) == (
        2, 1, 1)
