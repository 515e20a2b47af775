"""A backfill takes its selected days in chunks: the first N in date order, then the rest
from the day after."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsetl.transforms.ledger.backfill_chunks import (
    chunk_count,
    percent_done,
    range_days,
    take_chunk,
)
from newsetl.transforms.ledger.partition_selection import SELECTED_DAY_SCHEMA

D1 = date(2021, 1, 1)


def _selected(days: list[date]) -> pl.DataFrame:
    return pl.DataFrame({"published_date": days, "articles": [1] * len(days),
                         "reason": ["r"] * len(days)}, schema=SELECTED_DAY_SCHEMA)


def test_a_chunk_is_the_first_days_in_date_order_and_the_next_starts_after_it() -> None:
    days = [date(2023, 5, 5), D1, date(2022, 1, 1), date(2021, 12, 31)]
    chunk = take_chunk(_selected(days), 2)
    assert chunk.days["published_date"].to_list() == [D1, date(2021, 12, 31)]
    assert (chunk.remaining, chunk.resume_date) == (2, date(2022, 1, 1))


def test_the_last_chunk_leaves_nothing_to_resume() -> None:
    chunk = take_chunk(_selected([D1, date(2021, 2, 1)]), 31)
    assert (chunk.days.height, chunk.remaining, chunk.resume_date) == (2, 0, None)
    empty = take_chunk(_selected([]), 31)
    assert (empty.days.height, empty.remaining, empty.resume_date) == (0, 0, None)


def test_a_reversed_range_or_an_empty_chunk_is_refused() -> None:
    with pytest.raises(ValueError, match="end_date 2024-03-01 is before start_date 2024-03-02"):
        range_days(date(2024, 3, 2), date(2024, 3, 1))
    with pytest.raises(ValueError, match="at least 1"):
        take_chunk(_selected([D1]), 0)
    assert range_days(date(2021, 1, 1), date(2023, 12, 31)) == 1095


@given(offsets=st.sets(st.integers(0, 1094), max_size=200), chunk_days=st.integers(1, 40))
def test_chunks_taken_one_after_another_cover_every_selected_day_once(
        offsets: set[int], chunk_days: int) -> None:
    selected = _selected([D1 + timedelta(days=offset) for offset in offsets])
    taken: list[date] = []
    chunks = 0
    while True:
        chunk = take_chunk(selected, chunk_days)
        chunks += 1
        assert chunk.days.height <= chunk_days
        taken += chunk.days["published_date"].to_list()
        if chunk.resume_date is None:
            break
        selected = selected.filter(pl.col("published_date") >= chunk.resume_date)
    assert taken == sorted(D1 + timedelta(days=offset) for offset in offsets)
    assert chunks == chunk_count(len(offsets), chunk_days)


def test_percent_done_is_the_share_of_days_taken() -> None:
    assert percent_done(0, 4) == 0.0
    assert percent_done(1, 3) == 25.0
    assert percent_done(4, 0) == 100.0
    assert percent_done(0, 0) == 100.0


def _dry_run(days: list[tuple[date, int]], chunk_days: int) -> str:
    from newsetl.flows.backfill_result import BackfillResult, DayOutcome

    return BackfillResult(
        start_date=date(2020, 1, 1), end_date=date(2024, 12, 31), mode="all", dry_run=True,
        chunk_days=chunk_days,
        days=[DayOutcome(published_date=day, status="planned", reason="r", articles=articles)
              for day, articles in days]).summary()


def test_a_dry_run_says_the_days_articles_and_chunks_a_real_run_would_rebuild():
    days = [(date(2021, 1, 1) + timedelta(days=i), 1_000 + i) for i in range(5)]
    assert _dry_run(days, 2) == (
        "backfill all 2020-01-01..2024-12-31 (dry run, a range of 1,827 days): would rebuild "
        "5 day(s) with 5,010 article(s) in 3 chunk(s) of at most 2 days; nothing changed")
    assert _dry_run([], 2) == (
        "backfill all 2020-01-01..2024-12-31 (dry run, a range of 1,827 days): would rebuild "
        "0 day(s) with 0 article(s); nothing changed")
