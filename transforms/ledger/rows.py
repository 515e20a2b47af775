"""Ledger rows of one batch: `etl_record`, `etl_file` and `etl_file_state`.

A file's outcome: `quarantined` when the file itself failed (its `reason_code` set);
`unchanged` when it was skipped unread; else `loaded` if any record was new or changed,
`duplicate` if the rest were duplicates, `unchanged` if all were unchanged, and
`quarantined` (no file-level reason) when every record was.
"""

import polars as pl

FILE_SCHEMA: dict[str, pl.DataType] = {
    "file_path": pl.String(),
    "read_status": pl.String(),  # read | unread_unchanged | rejected
    "reason_code": pl.String(),  # whole-file quarantine reason
    "file_format": pl.String(),
    "encoding": pl.String(),
    "size_bytes": pl.Int64(),
    "mtime_ns": pl.Int64(),
    "content_hash": pl.String(),
}

RECORD_OUTCOME_SCHEMA: dict[str, pl.DataType] = {
    "file_path": pl.String(),
    "record_number": pl.Int32(),
    "article_id": pl.String(),
    "content_hash": pl.String(),
    "outcome": pl.String(),  # new | changed | unchanged | duplicate | quarantined
    "duplicate_of_article_id": pl.String(),
    "reason_code": pl.String(),
}

_RECORD_OUTCOMES = ("new", "changed", "unchanged", "duplicate", "quarantined")


def record_rows(outcomes: pl.DataFrame, run_id: str) -> pl.DataFrame:
    """etl_record rows."""
    return outcomes.select(pl.lit(run_id).alias("run_id"), *RECORD_OUTCOME_SCHEMA)


RETIRED_SCHEMA: dict[str, pl.DataType] = {"file_path": pl.String(), "article_id": pl.String()}


def file_rows(files: pl.DataFrame, outcomes: pl.DataFrame, run_id: str,
              retired: pl.DataFrame | None = None) -> pl.DataFrame:
    """etl_file rows: one per file of the batch, with its record counts and outcome.

    `retired` (`file_path`, `article_id`) are articles a re-read file no longer holds.
    """
    counts = outcomes.group_by("file_path").agg(
        pl.len().cast(pl.Int32).alias("records_seen"),
        *((pl.col("outcome") == name).sum().cast(pl.Int32).alias(f"records_{name}")
          for name in _RECORD_OUTCOMES),
    )
    count_columns = ["records_seen", *(f"records_{name}" for name in _RECORD_OUTCOMES)]
    if retired is None:
        retired = pl.DataFrame(schema=RETIRED_SCHEMA)
    retired_counts = retired.group_by("file_path").agg(
        pl.len().cast(pl.Int32).alias("articles_retired"))
    joined = (
        files.join(counts, on="file_path", how="left", validate="1:1")
        .join(retired_counts, on="file_path", how="left", validate="1:1")
        .with_columns(pl.col([*count_columns, "articles_retired"]).fill_null(0))
    )
    outcome = (
        pl.when(pl.col("read_status") == "rejected").then(pl.lit("quarantined"))
        .when(pl.col("read_status") == "unread_unchanged").then(pl.lit("unchanged"))
        .when(pl.col("records_new") + pl.col("records_changed") + pl.col("articles_retired") > 0)
        .then(pl.lit("loaded"))
        .when(pl.col("records_duplicate") > 0).then(pl.lit("duplicate"))
        .when(pl.col("records_unchanged") > 0).then(pl.lit("unchanged"))
        .otherwise(pl.lit("quarantined"))
    )
    return joined.select(
        pl.lit(run_id).alias("run_id"), "file_path", outcome.alias("outcome"), "reason_code",
        "file_format", "encoding", "size_bytes", "mtime_ns", "content_hash", *count_columns,
        "articles_retired",
    )


def file_state_rows(files: pl.DataFrame, file_ledger: pl.DataFrame) -> pl.DataFrame:
    """etl_file_state rows for the files this batch looked at (read or rejected), so the
    next run skips them unread while their size and mtime stay the same."""
    # An unreadable file (permissions, a vanished target) is tried again on every run.
    observed = files.filter(
        (pl.col("read_status") != "unread_unchanged") & pl.col("mtime_ns").is_not_null()
        & (pl.col("reason_code").fill_null("") != "unreadable")
    ).select("file_path")
    return observed.join(file_ledger, on="file_path", how="inner", validate="1:1").select(
        "file_path", "size_bytes", "mtime_ns", "content_hash",
        pl.col("outcome").alias("last_outcome"), pl.col("run_id").alias("last_run_id"),
    )
