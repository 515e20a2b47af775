"""Zero-filled count series for the report's charts (transforms.time_series)."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from newsetl.transforms.time_series import counts_per_period, period_for_span, zero_filled


def test_days_without_rows_are_filled_with_zero():
    counts = pl.DataFrame({"day": [date(2006, 1, 2), date(2006, 1, 5)], "articles": [2, 1]})
    filled = zero_filled(counts, "day", "1d", ["articles"])
    assert filled.rows() == [(date(2006, 1, 2), 2), (date(2006, 1, 3), 0),
                             (date(2006, 1, 4), 0), (date(2006, 1, 5), 1)]


def test_every_series_is_filled_over_the_same_span():
    counts = pl.DataFrame({"name": ["Acme", "Paris"],
                           "month": [date(2006, 1, 1), date(2006, 3, 1)], "articles": [3, 1]})
    filled = zero_filled(counts, "month", "1mo", ["articles"], by="name")
    assert filled.rows() == [("Acme", date(2006, 1, 1), 3), ("Acme", date(2006, 2, 1), 0),
                             ("Acme", date(2006, 3, 1), 0), ("Paris", date(2006, 1, 1), 0),
                             ("Paris", date(2006, 2, 1), 0), ("Paris", date(2006, 3, 1), 1)]


def test_only_the_count_columns_are_filled():
    frame = pl.DataFrame({"day": [date(2006, 1, 1), date(2006, 1, 3)], "articles": [1, 2],
                          "label": ["a", "b"]})
    filled = zero_filled(frame, "day", "1d", ["articles"])
    assert filled.get_column("articles").to_list() == [1, 0, 2]
    assert filled.get_column("label").to_list() == ["a", None, "b"]


def test_an_empty_series_stays_empty():
    empty = pl.DataFrame(schema={"day": pl.Date(), "articles": pl.Int64()})
    assert zero_filled(empty, "day", "1d", ["articles"]).is_empty()


def test_days_are_summed_into_weeks_starting_on_monday():
    days = pl.DataFrame({"day": [date(2006, 1, 4), date(2006, 1, 8), date(2006, 1, 24)],
                         "articles": [1, 2, 5]})
    weekly = counts_per_period(days, "day", ["articles"], "1w")
    assert weekly.rows() == [(date(2006, 1, 2), 3), (date(2006, 1, 9), 0),
                             (date(2006, 1, 16), 0), (date(2006, 1, 23), 5)]


def test_a_long_span_is_counted_in_longer_periods():
    assert period_for_span(45) == ("1d", "day")
    assert period_for_span(3 * 365) == ("1w", "week")
    assert period_for_span(20 * 365) == ("1mo", "month")
    assert period_for_span(50 * 365) == ("1y", "year")


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 9)), min_size=1, max_size=20))
def test_filling_keeps_every_count_and_leaves_no_day_out(day_counts):
    start = date(2024, 2, 20)
    frame = (pl.DataFrame({"day": [start + timedelta(days=d) for d, _ in day_counts],
                           "articles": [n for _, n in day_counts]})
             .group_by("day").agg(pl.col("articles").sum()))
    filled = zero_filled(frame, "day", "1d", ["articles"])
    assert filled.get_column("articles").sum() == sum(n for _, n in day_counts)
    days = filled.get_column("day").to_list()
    assert days == sorted(days)
    assert len(days) == (days[-1] - days[0]).days + 1
