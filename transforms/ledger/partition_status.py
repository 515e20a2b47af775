"""The state of each publication day, as a person reads it before starting a backfill.

A day's state is the first backfill mode that would select it (`partition_selection`):
`failed` (its last build failed or was interrupted), then `missing` (never built, or raw
articles not in the star), then `stale` (articles built by another newsetl, model or rules
version); a day no mode but `all` selects is `built`. The reason is that mode's own reason,
so the report and `newsetl backfill --mode … --dry-run` say the same thing about a day.
"""

from __future__ import annotations

import polars as pl

from newsetl.transforms.ledger.partition_selection import BackfillMode, select_days

# In the order a day's state is chosen; every one is a backfill mode of the same name.
ATTENTION_STATES = ("failed", "missing", "stale")
STATES = (*ATTENTION_STATES, "built")

DAY_STATUS_SCHEMA: dict[str, pl.DataType] = {
    "published_date": pl.Date(),
    "state": pl.String(),  # failed | missing | stale | built
    "articles": pl.Int64(),  # articles a rebuild starts from (star + orphans)
    "reason": pl.String(),  # the selecting mode's reason; null for built days
}


def day_status(facts: pl.DataFrame) -> pl.DataFrame:
    """One row per day of `facts` (`DAY_FACT_SCHEMA`) with its state (`DAY_STATUS_SCHEMA`),
    in date order."""
    every_day = select_days(facts, BackfillMode.all).select(
        "published_date", "articles", pl.lit("built").alias("state"),
        pl.lit(None, pl.String()).alias("reason"))
    chosen = pl.concat([
        select_days(facts, BackfillMode(state)).with_columns(pl.lit(state).alias("state"))
        for state in ATTENTION_STATES
    ]).unique("published_date", keep="first", maintain_order=True)
    return (
        every_day.join(chosen.select("published_date", "state", "reason"),
                       on="published_date", how="left", suffix="_chosen")
        .select("published_date", pl.coalesce("state_chosen", "state").alias("state"),
                "articles", pl.col("reason_chosen").alias("reason"))
        .sort("published_date")
        .cast(DAY_STATUS_SCHEMA)  # type: ignore[arg-type]
    )


def state_counts(days: pl.DataFrame) -> pl.DataFrame:
    """Days and articles per state (`day_status` rows), every state present, in `STATES`
    order."""
    counts = days.group_by("state").agg(pl.len().cast(pl.Int64).alias("days"),
                                        pl.col("articles").sum().cast(pl.Int64))
    order = pl.DataFrame({"state": list(STATES)})
    return order.join(counts, on="state", how="left", maintain_order="left").with_columns(
        pl.col("days").fill_null(0), pl.col("articles").fill_null(0))
