"""The report's charts as Vega-Lite specs, built from small Polars frames.

Each function returns one spec (a dict) with its data inline; the page draws them with the
Vega libraries inlined into it (`page.py`), so nothing is fetched. Dates go in as local
midnight (`2024-01-02T00:00:00`): a bare ISO date would be read as UTC midnight and shown
as the day before west of Greenwich.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import polars as pl

WIDTH = 700
PALETTE = "tableau10"
# The partition states, in the order a person reads them, with colours that say so.
STATE_COLOURS = {"failed": "#d62728", "missing": "#7f7f7f", "stale": "#ff7f0e",
                 "built": "#2ca02c"}
# The specs are written as plain dicts: Altair's import alone (it parses the Vega-Lite
# schema) cost about 0.7 CPU s of every publishing run. The unit tests validate every chart
# the report draws against this schema, which the bundled Vega-Lite library reads.
VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"

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


def _top_level(body: Spec, width: int, height: int, frame: pl.DataFrame | None = None) -> Spec:
    # A config of its own per spec: no module-level dict shared by every spec drawn.
    spec: Spec = {"$schema": VEGA_LITE_SCHEMA,
                  "config": {"view": {"continuousHeight": 300, "continuousWidth": 300}}}
    if frame is not None:
        spec["data"] = {"values": _values(frame)}
    return {**spec, **body, "width": width, "height": height}


def _field(name: str, kind: str, **properties: Any) -> Spec:
    return {"field": name, "type": kind, **properties}


def _date_format(period: str) -> str:
    return {"month": "%b %Y", "year": "%Y"}.get(period, "%Y-%m-%d")


def _time_axis(period: str, dates: pl.Series) -> Spec:
    """A tick every few periods, about ten in all, on period boundaries and labelled to the
    period's precision (so no "Jan 2006" twice, and no tick every month of twenty years)."""
    first, last = dates.min(), dates.max()
    days = (last - first).days  # type: ignore[operator]
    units = {"day": days, "week": days // 7, "month": days // 30, "year": days // 365}[period]
    return {"format": _date_format(period), "labelOverlap": True,
            "tickCount": {"interval": period, "step": max(1, math.ceil(units / 10))}}


def _count_axis(counts: pl.Series) -> Spec:
    """Counts are whole: up to ten, a tick on each (Vega would put ticks at 0.5 and label
    them "1", "1"); above, Vega's own ticks (whole numbers by then)."""
    top = int(counts.max() or 0)  # type: ignore[arg-type]
    return {"format": "d", "values": list(range(top + 1))} if top <= 10 else {"format": "d"}


def counts_over_time(frame: pl.DataFrame, on: str, count: str, count_title: str,
                     period: str, series: str | None = None) -> Spec:
    """A line per series (or one line) of counts per period, a point per period with its
    tooltip; the frame is already zero-filled."""
    tooltip = [_field(on, "temporal", format=_date_format(period), title=period),
               _field(count, "quantitative", title=count_title)]
    encoding: Spec = {}
    if series is not None:
        tooltip.insert(0, _field(series, "nominal"))
        encoding["color"] = _field(series, "nominal", scale={"scheme": PALETTE},
                                   legend={"columns": 3, "orient": "bottom", "title": None})
    encoding |= {
        "tooltip": tooltip,
        "x": _field(on, "temporal", axis=_time_axis(period, frame.get_column(on)),
                    title=period),
        "y": _field(count, "quantitative", axis=_count_axis(frame.get_column(count)),
                    title=count_title)}
    lines = {"encoding": encoding,
             "mark": {"interpolate": "linear", "strokeWidth": 1.5, "type": "line"}}
    points = {"encoding": encoding, "mark": {"filled": True, "size": 18, "type": "point"}}
    return _top_level({"layer": [lines, points]}, WIDTH, 220, frame)


def average_over_time(frame: pl.DataFrame, on: str, average: str, average_title: str,
                      count: str, period: str) -> Spec:
    """An average per period (no zero-fill: no articles is no value), with its article count
    in the tooltip and a zero rule."""
    encoding = {
        "tooltip": [_field(on, "temporal", format=_date_format(period), title=period),
                    _field(average, "quantitative", format=".3f", title=average_title),
                    _field(count, "quantitative", title="articles")],
        "x": _field(on, "temporal", axis=_time_axis(period, frame.get_column(on)),
                    title=period),
        "y": _field(average, "quantitative", title=average_title)}
    zero = {"data": {"values": [{"zero": 0}]},
            "encoding": {"y": _field("zero", "quantitative")},
            "mark": {"color": "#999", "type": "rule"}}
    layers = [{"encoding": encoding, "mark": {"strokeWidth": 1.5, "type": "line"}},
              {"encoding": encoding, "mark": {"filled": True, "size": 18, "type": "point"}},
              zero]
    return _top_level({"layer": layers}, WIDTH, 200, frame)


def bars(frame: pl.DataFrame, category: str, value: str, value_title: str,
         category_title: str | None = None) -> Spec:
    """Horizontal bars in the frame's order, each labelled with its value."""
    order = frame.get_column(category).cast(pl.String).to_list()
    encoding = {
        "tooltip": [_field(category, "nominal", title=category_title or category),
                    _field(value, "quantitative", title=value_title)],
        "x": _field(value, "quantitative", axis=_count_axis(frame.get_column(value)),
                    title=value_title),
        "y": _field(category, "nominal", axis={"labelLimit": 260}, sort=order,
                    title=category_title)}
    labels = {"encoding": {"text": _field(value, "quantitative"), **encoding},
              "mark": {"align": "left", "dx": 3, "type": "text"}}
    layers = [{"encoding": encoding, "mark": {"type": "bar"}}, labels]
    return _top_level({"layer": layers}, WIDTH - 300, max(60, 22 * len(order)), frame)


def heat_map(frame: pl.DataFrame, row: str, column: str, value: str, order: list[str],
             value_title: str) -> Spec:
    """A matrix of counts between the names of `order`, darker for more, with a legend."""
    encoding = {
        "color": _field(value, "quantitative", scale={"scheme": "blues"}, title=value_title),
        "tooltip": [_field(row, "nominal", title="entity"),
                    _field(column, "nominal", title="with"),
                    _field(value, "quantitative", title=value_title)],
        "x": _field(column, "nominal", axis={"labelAngle": -45, "labelLimit": 160},
                    sort=order, title=None),
        "y": _field(row, "nominal", axis={"labelLimit": 160}, sort=order, title=None)}
    size = min(400, 34 * len(order))
    return _top_level({"encoding": encoding, "mark": {"type": "rect"}}, size, size, frame)


def place_map(frame: pl.DataFrame) -> Spec:
    """Places as circles on an Equal Earth projection (sized by mentions, coloured by kind:
    country, city, admin1, continent) over the sphere and a graticule, which Vega generates:
    no coastlines, which would need geodata the page would have to carry or fetch."""
    sphere = {"data": {"sphere": True},
              "mark": {"fill": "#eef4fa", "stroke": "#bbb", "type": "geoshape"}}
    graticule = {"data": {"graticule": {"step": [30, 30]}},
                 "mark": {"stroke": "#ccc", "strokeWidth": 0.5, "type": "geoshape"}}
    points = {
        "data": {"values": _values(frame)},
        "encoding": {
            "color": _field("feature_class", "nominal", scale={"scheme": PALETTE},
                            title="kind of place"),
            "latitude": _field("latitude", "quantitative"),
            "longitude": _field("longitude", "quantitative"),
            "size": _field("mention_count", "quantitative",
                           legend={"format": "d", "tickMinStep": 1},
                           scale={"range": [20, 900]}, title="mentions"),
            "tooltip": [_field("place_name", "nominal", title="place"),
                        _field("country_name", "nominal", title="country"),
                        _field("feature_class", "nominal", title="kind"),
                        _field("mention_count", "quantitative", title="mentions"),
                        _field("article_count", "quantitative", title="articles")]},
        "mark": {"opacity": 0.75, "stroke": "white", "strokeWidth": 0.5, "type": "circle"}}
    return _top_level({"layer": [sphere, graticule, points],
                       "projection": {"type": "equalEarth"}}, WIDTH - 140, 320)


def partition_days(frame: pl.DataFrame, period: str) -> Spec:
    """A point per publication day at its article count, coloured by its state."""
    encoding = {
        "color": _field("state", "nominal",
                        legend={"orient": "right", "title": "state"},
                        scale={"domain": list(STATE_COLOURS),
                               "range": list(STATE_COLOURS.values())}),
        "tooltip": [_field("published_date", "temporal", format="%Y-%m-%d", title="day"),
                    _field("state", "nominal"), _field("articles", "quantitative"),
                    _field("reason", "nominal")],
        "x": _field("published_date", "temporal",
                    axis=_time_axis(period, frame.get_column("published_date")),
                    title="publication day"),
        "y": _field("articles", "quantitative", axis=_count_axis(frame.get_column("articles")),
                    title="articles")}
    return _top_level({"encoding": encoding,
                       "mark": {"filled": True, "size": 40, "type": "point"}},
                      WIDTH - 120, 160, frame)
