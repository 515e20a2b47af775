"""Time series for charts: every period of the span present, the ones without rows at zero.

A count series that skips the days without articles draws a line straight across the gap
and looks flat; a filled one drops to zero there. Only counts are filled: an average (tone)
of no articles is unknown, not zero, so its series keep their gaps.
"""

from __future__ import annotations

import polars as pl


def zero_filled(frame: pl.DataFrame, on: str, every: str, counts: list[str],
                by: str | None = None) -> pl.DataFrame:
    """`frame` with one row per period of `every` ("1d", "1w", "1mo") from its first to its
    last `on` (a Date column, already truncated to the period) for each `by` group (every
    group over the same span), the `counts` columns 0 where there was no row. Sorted by
    `by`, then `on`. An empty frame stays empty."""
    if frame.is_empty():
        return frame
    first, last = frame.get_column(on).min(), frame.get_column(on).max()
    periods = pl.DataFrame({on: pl.date_range(first, last, every, eager=True)})
    if by is not None:
        periods = frame.select(pl.col(by).unique()).join(periods, how="cross")
    keys = [on] if by is None else [by, on]
    filled = periods.join(frame, on=keys, how="left", nulls_equal=True)
    return (filled.with_columns(pl.col(name).fill_null(0) for name in counts)
            .select(frame.columns).sort(keys))


# The period of a chart's time axis: no more than about 400 points however long the span.
_PERIODS = (("1d", "day", 400), ("1w", "week", 7 * 400), ("1mo", "month", 31 * 400))


def period_for_span(days: int) -> tuple[str, str]:
    """The Polars interval and its name ("1w", "week") a time axis of `days` days is
    counted by: days up to about 400 of them, then weeks, months, years."""
    for every, name, longest in _PERIODS:
        if days <= longest:
            return every, name
    return "1y", "year"


def counts_per_period(frame: pl.DataFrame, on: str, counts: list[str], every: str,
                      by: str | None = None) -> pl.DataFrame:
    """Day counts (`on` a Date) summed per period of `every` (weeks start on Monday),
    then `zero_filled`."""
    keys = [pl.col(on).dt.truncate(every)] + ([pl.col(by)] if by is not None else [])
    summed = frame.group_by(keys).agg(pl.col(name).sum() for name in counts)
    return zero_filled(summed.select(frame.columns), on, every, counts, by)
