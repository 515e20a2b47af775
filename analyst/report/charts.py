"""The report's charts as Vega-Lite specs, built with Altair from small Polars frames.

Each function returns one spec (a dict) with its data inline; the page draws them with the
Vega libraries inlined into it (`page.py`), so nothing is fetched. Dates go in as local
midnight (`2024-01-02T00:00:00`): a bare ISO date would be read as UTC midnight and shown
as the day before west of Greenwich.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import altair as alt
import polars as pl

WIDTH = 700
PALETTE = "tableau10"
# The partition states, in the order a person reads them, with colours that say so.
STATE_COLOURS = {"failed": "#d62728", "missing": "#7f7f7f", "stale": "#ff7f0e",
                 "built": "#2ca02c"}

Spec = dict[str, Any]


def _values(frame: pl.DataFrame) -> list[dict[str, Any]]:
    rows = frame.to_dicts()
    for row in rows:
        for name, value in row.items():
            if isinstance(value, datetime):
                row[name] = value.replace(tzinfo=None).isoformat()
            elif isinstance(value, date):
                row[name] = f"{value.isoformat()}T00:00:00"
    return rows


def _spec(chart: alt.TopLevelMixin) -> Spec:
    # Not validated here: checking the spec against the Vega-Lite schema took about half a
    # second of every publishing run, and a spec's shape depends only on this module, not on
    # the data. The unit tests validate every chart the report draws.
    return chart.to_dict(validate=False)


def _chart(frame: pl.DataFrame) -> alt.Chart:
    return alt.Chart(alt.Data(values=_values(frame)))


def _date_format(period: str) -> str:
    return {"month": "%b %Y", "year": "%Y"}.get(period, "%Y-%m-%d")


def _time_axis(period: str, dates: pl.Series) -> alt.Axis:
    """A tick every few periods, about ten in all, on period boundaries and labelled to the
    period's precision (so no "Jan 2006" twice, and no tick every month of twenty years)."""
    first, last = dates.min(), dates.max()
    days = (last - first).days  # type: ignore[operator]
    units = {"day": days, "week": days // 7, "month": days // 30, "year": days // 365}[period]
    return alt.Axis(format=_date_format(period), labelOverlap=True,
                    tickCount={"interval": period, "step": max(1, math.ceil(units / 10))})


def _count_axis(counts: pl.Series) -> alt.Axis:
    """Counts are whole: up to ten, a tick on each (Vega would put ticks at 0.5 and label
    them "1", "1"); above, Vega's own ticks (whole numbers by then)."""
    top = int(counts.max() or 0)  # type: ignore[arg-type]
    return alt.Axis(format="d", values=list(range(top + 1)) if top <= 10 else alt.Undefined)


def counts_over_time(frame: pl.DataFrame, on: str, count: str, count_title: str,
                     period: str, series: str | None = None) -> Spec:
    """A line per series (or one line) of counts per period, a point per period with its
    tooltip; the frame is already zero-filled."""
    tooltip = [alt.Tooltip(f"{on}:T", title=period, format=_date_format(period)),
               alt.Tooltip(f"{count}:Q", title=count_title)]
    colour: Any = alt.Undefined
    if series is not None:
        tooltip.insert(0, alt.Tooltip(f"{series}:N"))
        colour = alt.Color(f"{series}:N", scale=alt.Scale(scheme=PALETTE),
                           legend=alt.Legend(title=None, orient="bottom", columns=3))
    base = _chart(frame).encode(
        x=alt.X(f"{on}:T", title=period, axis=_time_axis(period, frame.get_column(on))),
        y=alt.Y(f"{count}:Q", title=count_title, axis=_count_axis(frame.get_column(count))),
        color=colour, tooltip=tooltip)
    lines = base.mark_line(interpolate="linear", strokeWidth=1.5)
    points = base.mark_point(filled=True, size=18)
    return _spec((lines + points).properties(width=WIDTH, height=220))


def average_over_time(frame: pl.DataFrame, on: str, average: str, average_title: str,
                      count: str, period: str) -> Spec:
    """An average per period (no zero-fill: no articles is no value), with its article count
    in the tooltip and a zero rule."""
    tooltip = [alt.Tooltip(f"{on}:T", title=period, format=_date_format(period)),
               alt.Tooltip(f"{average}:Q", title=average_title, format=".3f"),
               alt.Tooltip(f"{count}:Q", title="articles")]
    base = _chart(frame).encode(
        x=alt.X(f"{on}:T", title=period, axis=_time_axis(period, frame.get_column(on))),
        y=alt.Y(f"{average}:Q", title=average_title), tooltip=tooltip)
    zero = alt.Chart(alt.Data(values=[{"zero": 0}])).mark_rule(color="#999").encode(
        y="zero:Q")
    chart = base.mark_line(strokeWidth=1.5) + base.mark_point(filled=True, size=18) + zero
    return _spec(chart.properties(width=WIDTH, height=200))


def bars(frame: pl.DataFrame, category: str, value: str, value_title: str,
         category_title: str | None = None) -> Spec:
    """Horizontal bars in the frame's order, each labelled with its value."""
    order = frame.get_column(category).cast(pl.String).to_list()
    base = _chart(frame).encode(
        y=alt.Y(f"{category}:N", sort=order, title=category_title,
                axis=alt.Axis(labelLimit=260)),
        x=alt.X(f"{value}:Q", title=value_title, axis=_count_axis(frame.get_column(value))),
        tooltip=[alt.Tooltip(f"{category}:N", title=category_title or category),
                 alt.Tooltip(f"{value}:Q", title=value_title)])
    labels = base.mark_text(align="left", dx=3).encode(text=f"{value}:Q")
    height = max(60, 22 * len(order))
    return _spec((base.mark_bar() + labels).properties(width=WIDTH - 300, height=height))


def heat_map(frame: pl.DataFrame, row: str, column: str, value: str, order: list[str],
             value_title: str) -> Spec:
    """A matrix of counts between the names of `order`, darker for more, with a legend."""
    chart = _chart(frame).mark_rect().encode(
        x=alt.X(f"{column}:N", sort=order, title=None, axis=alt.Axis(labelAngle=-45,
                                                                      labelLimit=160)),
        y=alt.Y(f"{row}:N", sort=order, title=None, axis=alt.Axis(labelLimit=160)),
        color=alt.Color(f"{value}:Q", title=value_title, scale=alt.Scale(scheme="blues")),
        tooltip=[alt.Tooltip(f"{row}:N", title="entity"),
                 alt.Tooltip(f"{column}:N", title="with"),
                 alt.Tooltip(f"{value}:Q", title=value_title)])
    size = min(400, 34 * len(order))
    return _spec(chart.properties(width=size, height=size))


def place_map(frame: pl.DataFrame) -> Spec:
    """Places as circles on an Equal Earth projection (sized by mentions, coloured by kind:
    country, city, admin1, continent) over the sphere and a graticule, which Vega generates:
    no coastlines, which would need geodata the page would have to carry or fetch."""
    sphere = alt.Chart(alt.sphere()).mark_geoshape(fill="#eef4fa", stroke="#bbb")
    graticule = alt.Chart(alt.graticule(step=[30, 30])).mark_geoshape(
        stroke="#ccc", strokeWidth=0.5)
    points = _chart(frame).mark_circle(opacity=0.75, stroke="white", strokeWidth=0.5).encode(
        longitude="longitude:Q", latitude="latitude:Q",
        size=alt.Size("mention_count:Q", title="mentions", scale=alt.Scale(range=[20, 900]),
                      legend=alt.Legend(format="d", tickMinStep=1)),
        color=alt.Color("feature_class:N", title="kind of place",
                        scale=alt.Scale(scheme=PALETTE)),
        tooltip=[alt.Tooltip("place_name:N", title="place"),
                 alt.Tooltip("country_name:N", title="country"),
                 alt.Tooltip("feature_class:N", title="kind"),
                 alt.Tooltip("mention_count:Q", title="mentions"),
                 alt.Tooltip("article_count:Q", title="articles")])
    chart = alt.layer(sphere, graticule, points).project(type="equalEarth")
    return _spec(chart.properties(width=WIDTH - 140, height=320))


def partition_days(frame: pl.DataFrame, period: str) -> Spec:
    """A point per publication day at its article count, coloured by its state."""
    states = list(STATE_COLOURS)
    chart = _chart(frame).mark_point(filled=True, size=40).encode(
        x=alt.X("published_date:T", title="publication day",
                axis=_time_axis(period, frame.get_column("published_date"))),
        y=alt.Y("articles:Q", title="articles", axis=_count_axis(frame.get_column("articles"))),
        color=alt.Color("state:N", scale=alt.Scale(domain=states,
                                                   range=list(STATE_COLOURS.values())),
                        legend=alt.Legend(title="state", orient="right")),
        tooltip=[alt.Tooltip("published_date:T", title="day", format="%Y-%m-%d"),
                 alt.Tooltip("state:N"), alt.Tooltip("articles:Q"),
                 alt.Tooltip("reason:N")])
    return _spec(chart.properties(width=WIDTH - 120, height=160))
