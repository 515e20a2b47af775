"""The report's partition section and the run's partition table artifact: the state of each
publication day (built, missing, failed, stale), read before starting a backfill."""

from __future__ import annotations

from html import escape

import duckdb
import polars as pl

from newsetl.transforms.display import display_text
from newsetl.transforms.ledger.partition_status import (
    ATTENTION_STATES,
    day_status,
    state_counts,
)
from newsetl.transforms.time_series import period_for_span

from . import charts
from .charts import Spec
from .partition_facts import BuildBasis, backfill_facts

ANCHOR = "partitions"
LISTED_DAYS = 50  # days needing a backfill listed in the report (newest first)
ARTIFACT_DAYS = 500  # and in the artifact


def partition_days(connection: duckdb.DuckDBPyConnection, basis: BuildBasis) -> pl.DataFrame:
    """Every publication day with articles, orphans or a recorded build, with its state
    (`DAY_STATUS_SCHEMA`), judged as `newsetl backfill` would judge it."""
    return day_status(backfill_facts(connection, basis.versions, basis.rules).facts)


def attention_days(days: pl.DataFrame, limit: int) -> pl.DataFrame:
    """The `limit` newest days a backfill mode would rebuild (all but `built`)."""
    return (days.filter(pl.col("state").is_in(ATTENTION_STATES))
            .sort("published_date", descending=True).head(limit))


def backfill_commands(days: pl.DataFrame) -> dict[str, str]:
    """Per state with days, the dry run that lists them: `newsetl backfill FIRST LAST
    --mode STATE --dry-run`."""
    commands = {}
    for state in ATTENTION_STATES:
        chosen = days.filter(pl.col("state") == state).get_column("published_date")
        if not chosen.is_empty():
            commands[state] = (f"newsetl backfill {chosen.min()} {chosen.max()} "
                               f"--mode {state} --dry-run")
    return commands


def partition_section(days: pl.DataFrame) -> tuple[str, Spec | None]:
    """The section's HTML (counts per state, the chart, the days needing a backfill) and
    its chart's spec (None when there are no days)."""
    html = [f'<h2 id="{ANCHOR}">Partitions: days built, missing, failed, stale</h2>',
            '<p class="note">Each publication day as <code>newsetl backfill</code> judges it: '
            "the first mode that would rebuild it (failed, then missing, then stale), else "
            "built. Read this before starting a backfill.</p>"]
    if days.is_empty():
        html.append('<p class="empty">No publication days yet: nothing built, nothing to '
                    "backfill.</p>")
        return "".join(html), None
    commands = backfill_commands(days)
    rows = "".join(
        f"<tr><td>{state}</td><td>{n_days:,}</td><td>{articles:,}</td>"
        f"<td class=\"text\"><code>{escape(commands.get(state, ''))}</code></td></tr>"
        for state, n_days, articles in state_counts(days).iter_rows())
    html.append('<table class="partition-states"><thead><tr><th>state</th><th>days</th>'
                '<th>articles</th><th class="text">see it first</th></tr></thead>'
                f"<tbody>{rows}</tbody></table>")
    html.append(f'<div class="chart" id="chart-{ANCHOR}" role="img" '
                'aria-label="Publication days by state"></div>')
    listed = attention_days(days, LISTED_DAYS)
    if listed.is_empty():
        html.append('<p class="empty">Every day is built by this code: nothing to '
                    "backfill.</p>")
    else:
        html.append(_days_table(listed, days))
    span = (days.get_column("published_date").max()
            - days.get_column("published_date").min()).days + 1  # type: ignore[operator]
    return "".join(html), charts.partition_days(days, period_for_span(span)[1])


def _days_table(listed: pl.DataFrame, days: pl.DataFrame) -> str:
    total = days.filter(pl.col("state").is_in(ATTENTION_STATES)).height
    caption = (f"The {listed.height} newest of {total:,} days a backfill would rebuild"
               if total > listed.height else "The days a backfill would rebuild")
    rows = "".join(
        f"<tr><td>{day}</td><td>{state}</td><td>{articles:,}</td>"
        f"<td class=\"text\">{escape(display_text(reason or ''))}</td></tr>"
        for day, state, articles, reason in listed.iter_rows())
    return (f'<table class="partition-days"><caption>{caption}</caption><thead><tr>'
            '<th>day</th><th>state</th><th>articles</th><th class="text">reason</th></tr>'
            f"</thead><tbody>{rows}</tbody></table>")


def partition_artifact(days: pl.DataFrame) -> tuple[list[dict[str, object]], str]:
    """The rows of the run's partition table artifact (the days needing a backfill, newest
    first) and its description (days per state)."""
    counts = ", ".join(f"{n_days:,} {state}" for state, n_days, _ in
                       state_counts(days).iter_rows())
    listed = attention_days(days, ARTIFACT_DAYS)
    rows = [{"day": str(day), "state": state, "articles": articles,
             "reason": display_text(reason or "")}
            for day, state, articles, reason in listed.iter_rows()]
    if not rows:
        rows = [{"day": "", "state": "built", "articles": int(days.get_column("articles").sum()),
                 "reason": "every day is built by this code: nothing to backfill"}]
    shown = (f"; the {len(rows)} newest listed" if len(rows) < days.filter(
        pl.col("state").is_in(ATTENTION_STATES)).height else "")
    return rows, f"Publication days: {counts}{shown}."
