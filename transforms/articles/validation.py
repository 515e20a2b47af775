"""Which cleaned, dated records can become articles, and why the others cannot.

A record is quarantined (never dropped) when it has no text, text over the length cap, or
no usable publication date (`date_problem` from `publication_time`). The first problem in
that order is its reason.
"""

import polars as pl

from newsetl.transforms.schemas import QUARANTINE_SCHEMA


def record_problem(max_text_chars: int) -> pl.Expr:
    """The reason code of a record's first problem, null when it can be loaded."""
    return (
        pl.when(pl.col("text").is_null())
        .then(pl.lit("no_text"))
        .when(pl.col("text").str.len_chars() > max_text_chars)
        .then(pl.lit("text_too_long"))
        .otherwise(pl.col("date_problem"))
    )


def _detail(max_text_chars: int) -> pl.Expr:
    return (
        pl.when(pl.col("problem") == "no_text")
        .then(pl.lit("the record has no article text after cleaning"))
        .when(pl.col("problem") == "text_too_long")
        .then(pl.format("text has {} characters; the cap is {}",
                        pl.col("text").str.len_chars(), pl.lit(max_text_chars)))
        .otherwise(
            pl.coalesce(pl.col("date_problem_detail"),
                        pl.format("publication time read: {}", pl.col("published_raw")))
        )
    )


def split_valid(records: pl.DataFrame, max_text_chars: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(records that can load, `QUARANTINE_SCHEMA` rows for the others)."""
    checked = records.with_columns(record_problem(max_text_chars).alias("problem"))
    valid = checked.filter(pl.col("problem").is_null()).drop("problem")
    rejected = checked.filter(pl.col("problem").is_not_null()).select(
        pl.col("file_path"),
        pl.col("record_number"),
        pl.col("problem").alias("reason_code"),
        _detail(max_text_chars).alias("detail"),
        pl.col("raw_record").str.slice(0, 4096).alias("raw_payload"),
    )
    return valid, rejected.cast(QUARANTINE_SCHEMA)  # type: ignore[arg-type]
