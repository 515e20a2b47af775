"""Rows of `etl_partition` and the inputs of a day's rebuild, as pure frames."""

from dataclasses import asdict, dataclass
from datetime import datetime

import polars as pl

from newsetl.transforms.schemas import RAW_RECORD_SCHEMA
from newsetl.transforms.star_rows import date_key

PARTITION_SCHEMA: dict[str, pl.DataType] = {
    "published_date": pl.Date(),
    "published_date_key": pl.Int32(),
    "status": pl.String(),  # running | succeeded | failed
    "build_reason": pl.String(),
    "articles": pl.Int32(),
    "entity_mentions": pl.Int64(),
    "date_mentions": pl.Int64(),
    "newsetl_version": pl.String(),
    "model_name": pl.String(),
    "model_version": pl.String(),
    "rules_version": pl.String(),
    "run_id": pl.String(),
    "run_kind": pl.String(),
    "started_at": pl.Datetime("us", "UTC"),
    "finished_at": pl.Datetime("us", "UTC"),
    "error": pl.String(),
}

@dataclass(frozen=True)
class PartitionBuild:
    """Who built (or tried to build) a set of days, how it ended and why it ran."""

    status: str
    build_reason: str | None
    newsetl_version: str
    model_name: str
    model_version: str
    rules_version: str
    run_id: str
    run_kind: str
    started_at: datetime
    finished_at: datetime | None = None
    error: str | None = None


def partition_rows(totals: pl.DataFrame, build: PartitionBuild) -> pl.DataFrame:
    """`etl_partition` rows of the days in `totals` (`DAY_TOTALS_SCHEMA`), all built by `build`."""
    return _conform(totals.with_columns(
        pl.lit(value).alias(name) for name, value in asdict(build).items()
    ))


def failed_rows(unfinished: pl.DataFrame, totals: pl.DataFrame,
                finished_at: datetime) -> pl.DataFrame:
    """`etl_partition` rows marking days left unfinished as failed: `unfinished` holds, per
    day, the run that left it (run_id, run_kind, versions, started_at, build_reason, error)."""
    return _conform(unfinished.join(totals, on="published_date", how="left").with_columns(
        pl.lit("failed").alias("status"), pl.lit(finished_at).alias("finished_at"),
    ))


def _conform(rows: pl.DataFrame) -> pl.DataFrame:
    counts = ("articles", "entity_mentions", "date_mentions")
    return rows.with_columns(
        date_key(pl.col("published_date")).alias("published_date_key"),
        pl.col(counts).fill_null(0),
    ).select(list(PARTITION_SCHEMA)).cast(PARTITION_SCHEMA)  # type: ignore[arg-type]


def raw_records(raw: pl.DataFrame) -> pl.DataFrame:
    """Stored raw articles (raw_article's columns) as records read from the inbox
    (`RAW_RECORD_SCHEMA`), so they go through the same stages as a nightly run's."""
    return raw.select(list(RAW_RECORD_SCHEMA)).cast(RAW_RECORD_SCHEMA)  # type: ignore[arg-type]


def raw_versions(raw: pl.DataFrame, articles: pl.DataFrame,
                 run_id: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(raw versions that stay current: `article_id`, `content_hash`; new raw_article rows)
    of rebuilt articles. `raw` holds the stored versions (with `stored_content_hash`),
    `articles` the prepared ones: an article whose content hash the current rules compute
    differently gets its stored fields again under the new hash."""
    paired = articles.select("article_id", "content_hash").join(
        raw, on="article_id", how="inner", validate="1:1")
    changed = pl.col("content_hash") != pl.col("stored_content_hash")
    kept = paired.filter(~changed).select(
        "article_id", pl.col("stored_content_hash").alias("content_hash"))
    new = paired.filter(changed).select(
        "article_id", "content_hash", pl.lit(True).alias("is_current"),
        pl.lit(run_id).alias("run_id"), *RAW_RECORD_SCHEMA,
    )
    return kept, new
