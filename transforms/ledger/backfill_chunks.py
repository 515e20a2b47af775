"""How a backfill walks a range of any length: in chunks of selected days, each rebuilt and
committed on its own, re-planned from the warehouse before each chunk.

A chunk is the first `chunk_days` days a mode selects in what is left of the range; the
next plan starts the day after the chunk's last day, so a day is never taken twice by one
backfill (also one that failed and is still selected) and days without work cost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl


@dataclass(frozen=True)
class Chunk:
    """The next days to rebuild (`SELECTED_DAY_SCHEMA` rows), and what is left after them."""

    days: pl.DataFrame
    remaining: int  # selected days after this chunk, at this plan
    resume_date: date | None  # where the next plan starts; None: nothing left in the range


def range_days(start_date: date, end_date: date) -> int:
    """Days in `start_date`..`end_date` (inclusive); ValueError when reversed."""
    if end_date < start_date:
        raise ValueError(f"end_date {end_date} is before start_date {start_date}")
    return (end_date - start_date).days + 1


def take_chunk(selected: pl.DataFrame, chunk_days: int) -> Chunk:
    """The first `chunk_days` of the `selected` days (in date order) as the next chunk."""
    if chunk_days < 1:
        raise ValueError(f"chunk_days must be at least 1, not {chunk_days}")
    ordered = selected.sort("published_date")
    days = ordered.head(chunk_days)
    remaining = ordered.height - days.height
    resume = days["published_date"][-1] + timedelta(days=1) if remaining else None
    return Chunk(days, remaining, resume)


def chunk_count(selected_days: int, chunk_days: int) -> int:
    """Chunks a plan of `selected_days` days takes (at least one: the plan itself)."""
    return max(1, -(-selected_days // chunk_days))


def percent_done(done: int, remaining: int) -> float:
    """Share (0–100) of the days a backfill has taken that are behind it."""
    return 100.0 if done + remaining == 0 else 100.0 * done / (done + remaining)
