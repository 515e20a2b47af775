"""Which publication days a backfill rebuilds, and why: pure rules over per-day facts.

A partition is one publication day. The facts of a day (`DAY_FACT_SCHEMA`) come from the
warehouse: its articles in the star, its raw articles not in the star (orphans), how many of
its articles were built by other versions than this code's, and its recorded build. Modes:

- `missing`: days with raw articles but no recorded build, or raw articles not in the star;
- `failed`: days whose last build failed (or was interrupted);
- `stale`: days with articles built by another newsetl, model or rules version;
- `all`: every day with articles or a recorded build.
"""

from enum import StrEnum

import polars as pl

from newsetl.transforms.schemas import DAY_FACT_SCHEMA

SELECTED_DAY_SCHEMA: dict[str, pl.DataType] = {
    "published_date": pl.Date(),
    "articles": pl.Int64(),  # articles the rebuild starts from (star + orphans)
    "reason": pl.String(),
}

_ERROR_CHARS = 200


class BackfillMode(StrEnum):
    """Which days of the range a backfill rebuilds."""

    missing = "missing"
    failed = "failed"
    stale = "stale"
    all = "all"


def with_unfinished(facts: pl.DataFrame, unfinished: pl.DataFrame) -> pl.DataFrame:
    """Facts where days left unfinished by a dead or failed run (`published_date`, `error`)
    count as failed, whether or not a writer has recorded them yet."""
    marked = unfinished.select("published_date", pl.lit("failed").alias("__status"),
                               pl.col("error").alias("__error"))
    joined = facts.join(marked, on="published_date", how="full", coalesce=True)
    return joined.select(
        "published_date",
        *(pl.col(name).fill_null(0) for name in ("articles", "orphan_articles", "stale_articles")),
        "stale_versions",
        pl.coalesce("__status", "status").alias("status"),
        pl.coalesce("__error", "error").alias("error"),
    ).cast(DAY_FACT_SCHEMA)  # type: ignore[arg-type]


def with_orphans(facts: pl.DataFrame, orphan_days: pl.DataFrame) -> pl.DataFrame:
    """Facts with `orphan_articles` counted from orphans placed on days (`published_date`)."""
    counts = orphan_days.group_by("published_date").agg(pl.len().cast(pl.Int64).alias("__n"))
    joined = facts.join(counts, on="published_date", how="full", coalesce=True)
    return joined.with_columns(
        pl.col("articles").fill_null(0), pl.col("stale_articles").fill_null(0),
        (pl.col("orphan_articles").fill_null(0) + pl.col("__n").fill_null(0))
        .alias("orphan_articles"),
    ).select(list(DAY_FACT_SCHEMA)).cast(DAY_FACT_SCHEMA)  # type: ignore[arg-type]


def _reason(mode: BackfillMode) -> pl.Expr:
    articles, orphans = pl.col("articles"), pl.col("orphan_articles")
    if mode is BackfillMode.missing:
        never = pl.format("never built: {} articles in the raw layer", articles + orphans)
        unloaded = pl.format("{} raw articles not in the star", orphans)
        return pl.when(pl.col("status").is_null()).then(never).otherwise(unloaded)
    if mode is BackfillMode.failed:
        return pl.format("last build {}: {}", pl.col("status"),
                         pl.col("error").fill_null("no error recorded").str.slice(0, _ERROR_CHARS))
    if mode is BackfillMode.stale:
        return pl.format("{} of {} articles built by {}", pl.col("stale_articles"), articles,
                         pl.col("stale_versions"))
    return pl.lit("every day of the range (mode all)")


def _selected(mode: BackfillMode) -> pl.Expr:
    has_raw = (pl.col("articles") + pl.col("orphan_articles")) > 0
    if mode is BackfillMode.missing:
        return has_raw & (pl.col("status").is_null() | (pl.col("orphan_articles") > 0))
    if mode is BackfillMode.failed:
        return pl.col("status").is_in(["failed", "running"])
    if mode is BackfillMode.stale:
        return pl.col("stale_articles") > 0
    return has_raw | pl.col("status").is_not_null()


def select_days(facts: pl.DataFrame, mode: BackfillMode) -> pl.DataFrame:
    """The days `mode` rebuilds, in date order, with their article count and reason."""
    return (
        facts.filter(_selected(mode))
        .select("published_date",
                (pl.col("articles") + pl.col("orphan_articles")).alias("articles"),
                _reason(mode).alias("reason"))
        .sort("published_date")
        .cast(SELECTED_DAY_SCHEMA)  # type: ignore[arg-type]
    )
