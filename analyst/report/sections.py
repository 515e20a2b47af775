"""The report's chart sections: each is one query in `sql/report/` and one chart spec.

A section that reads a table or column some warehouses do not have yet names it in
`needs`; where it is missing the section says "not available in this warehouse" instead of
failing. A query with no rows gives the section's `empty` sentence instead of a chart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

import polars as pl

from newsetl.transforms.time_series import counts_per_period, period_for_span, zero_filled
from newsetl.warehouse.readonly import AnalystSession
from newsetl.warehouse.sql_files import read_sql

from . import charts
from .charts import Spec

TOP_ENTITIES, TOP_COOCCURRING, TOP_PLACES, TOP_STORIES, TOP_AUTHORS = 6, 12, 60, 15, 15


@dataclass(frozen=True)
class ChartSection:
    """One titled chart drawn from one report query."""

    anchor: str  # the section's id in the page
    title: str
    query: str  # sql/report/<query>.sql
    draw: Callable[[pl.DataFrame], Spec]
    empty: str  # said instead of a chart when the query has no rows
    needs: tuple[str, ...] = ()  # "table" or "table.column" the query reads that may not exist
    params: dict[str, object] = field(default_factory=dict)
    note: str = ""  # one line under the title: what the chart shows and leaves out


@dataclass(frozen=True)
class DrawnSection:
    """A section's HTML and, when it has a chart, the chart's spec (drawn into the
    element with id `chart-<anchor>`)."""

    anchor: str
    html: str
    spec: Spec | None


def missing_needs(session: AnalystSession, needs: tuple[str, ...]) -> list[str]:
    """Which of `needs` ("table" or "table.column") the warehouse does not have."""
    present = {(table, column) for table, column in session.query(
        read_sql("report/warehouse_columns.sql")).rows}
    tables = {table for table, _ in present}
    return [need for need in needs
            if (tuple(need.split(".", 1)) not in present if "." in need else need not in tables)]


def draw_section(session: AnalystSession, section: ChartSection) -> DrawnSection:
    """The section's heading and note, then its chart or the words that replace it."""
    heading = f'<h2 id="{section.anchor}">{escape(section.title)}</h2>'
    if section.note:
        heading += f'<p class="note">{escape(section.note)}</p>'
    missing = missing_needs(session, section.needs) if section.needs else []
    if missing:
        return DrawnSection(section.anchor, heading + _words(
            f"Not available in this warehouse: it has no {', '.join(missing)}."), None)
    result = session.query(read_sql(f"report/{section.query}.sql"), section.params or None)
    frame = pl.DataFrame(result.rows, schema=result.columns, orient="row")
    if frame.is_empty():
        return DrawnSection(section.anchor, heading + _words(section.empty), None)
    element = (f'<div class="chart" id="chart-{section.anchor}" role="img" '
               f'aria-label="{escape(section.title)}"></div>')
    return DrawnSection(section.anchor, heading + element, section.draw(frame))


def _words(sentence: str) -> str:
    return f'<p class="empty">{escape(sentence)}</p>'


def _span_days(frame: pl.DataFrame, on: str) -> int:
    dates = frame.get_column(on)
    return (dates.max() - dates.min()).days + 1  # type: ignore[operator]


def _per_period(frame: pl.DataFrame, on: str, counts: list[str],
                by: str | None = None) -> tuple[pl.DataFrame, str]:
    every, period = period_for_span(_span_days(frame, on))
    return counts_per_period(frame, on, counts, every, by), period


def _articles_per_period(frame: pl.DataFrame) -> Spec:
    filled, period = _per_period(frame, "published_date", ["article_count"])
    return charts.counts_over_time(filled, "published_date", "article_count",
                                   f"articles per {period}", period)


def _top_entities(frame: pl.DataFrame) -> Spec:
    filled = zero_filled(frame, "month_start_date", "1mo", ["article_count"],
                         by="canonical_name")
    return charts.counts_over_time(filled, "month_start_date", "article_count",
                                   "articles per month", "month", series="canonical_name")


def _cooccurrence(frame: pl.DataFrame) -> Spec:
    order = sorted(set(frame.get_column("canonical_name").to_list()))
    return charts.heat_map(frame, "canonical_name", "other_name", "article_count", order,
                           "articles in common")


def _amounts(frame: pl.DataFrame) -> Spec:
    filled, period = _per_period(frame, "published_date", ["mention_count"], by="kind")
    return charts.counts_over_time(filled, "published_date", "mention_count",
                                   f"amount mentions per {period}", period, series="kind")


def _tone(frame: pl.DataFrame) -> Spec:
    every, period = period_for_span(_span_days(frame, "published_date"))
    averaged = (frame.group_by(pl.col("published_date").dt.truncate(every))
                .agg(pl.col("tone_sum").sum(), pl.col("article_count").sum())
                .with_columns((pl.col("tone_sum") / pl.col("article_count")).alias("tone"))
                .sort("published_date"))
    return charts.average_over_time(averaged, "published_date", "tone",
                                    f"average tone per {period}", "article_count", period)


SECTIONS = (
    ChartSection("articles-per-day", "Articles over time", "articles_per_day",
                 _articles_per_period, "No articles yet.",
                 note="Articles by publication date, per day, week or month depending on "
                      "the span; periods without articles are drawn at zero."),
    ChartSection("top-entities", "Top entities over time (articles per month)",
                 "top_entities_monthly", _top_entities, "No entities yet.",
                 params={"top": TOP_ENTITIES}),
    ChartSection("cooccurrence", "Co-occurrence of the top entities (articles in common)",
                 "top_entity_cooccurrence", _cooccurrence,
                 "No two top entities share an article yet.",
                 params={"top": TOP_COOCCURRING}),
    ChartSection("date-mentions", "Dates mentioned in the text against the publication date",
                 "date_mention_offsets",
                 lambda frame: charts.bars(frame, "bucket", "mention_count", "mentions"),
                 "No dates mentioned in the text yet."),
    ChartSection("places", "Places mentioned", "place_mentions", charts.place_map,
                 "No mentions of places with coordinates yet.", params={"top": TOP_PLACES},
                 note=f"The {TOP_PLACES} places with coordinates mentioned most, sized by "
                      "mentions. The map draws a graticule but no coastlines (they need "
                      "geodata nothing here ships); places without coordinates (US states, "
                      "unlinked names) are not drawn."),
    ChartSection("amounts", "Amounts mentioned over time", "amount_mentions_daily", _amounts,
                 "No amounts mentioned yet.", needs=("fct_amount_mention",),
                 note="Money, percentages and quantities mentioned in the text, by kind."),
    ChartSection("tone", "Tone over time", "article_tone_daily", _tone,
                 "No articles scored for tone yet.", needs=("fct_article_tone",),
                 note="The average lexicon tone of the articles published in each period "
                      "(no point where none was scored)."),
    ChartSection("stories", "Stories with the most copies", "story_clusters",
                 lambda frame: charts.bars(frame, "story", "article_count", "articles"),
                 "No story has more than one article: no syndicated copies found.",
                 needs=("dim_article.story_key",), params={"top": TOP_STORIES},
                 note=f"The {TOP_STORIES} near-duplicate clusters with the most articles."),
    ChartSection("authors", "Authors with the most articles", "top_authors",
                 lambda frame: charts.bars(frame, "author", "article_count", "articles"),
                 "No article named its authors.", needs=("bridge_article_author",),
                 params={"top": TOP_AUTHORS},
                 note=f"The {TOP_AUTHORS} authors named in the most bylines (the input's own "
                      "author fields; never guessed from the text)."),
    ChartSection("languages", "Languages of the articles", "article_languages",
                 lambda frame: charts.bars(frame, "language", "article_count", "articles"),
                 "No articles yet.", needs=("dim_article.language_source",),
                 note="Articles per language, declared by the input or detected; only "
                      "languages with an NER model get entities, dates and tone."),
    ChartSection("quarantine", "Quarantine by reason", "quarantine_by_reason",
                 lambda frame: charts.bars(frame, "reason_code", "quarantined", "records"),
                 "Nothing quarantined."),
)
