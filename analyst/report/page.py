"""`newsetl report` (and every run's report): one self-contained HTML page about the
published warehouse, charts inline (`charts`), page and style from `assets/`."""

from __future__ import annotations

from datetime import UTC, date, datetime
from html import escape
from importlib.resources import files
from pathlib import Path
from string import Template

from newsetl.transforms.display import display_text
from newsetl.warehouse.readonly import AnalystSession, QueryResult, connect_analyst
from newsetl.warehouse.sql_files import read_sql

from .charts import bar_chart, heat_map, line_chart

TOP_ENTITIES, TOP_COOCCURRING, LAST_RUNS = 6, 12, 20


def write_report(path: Path, output: Path, timeout: float = 120.0,
                 memory_limit: str | None = None, threads: int | None = None) -> Path:
    """Write an HTML report on the published warehouse to OUTPUT (one file, opens offline).

    Articles per day, top entities over time, co-occurrence of the top entities, dates
    mentioned against publication dates, quarantine by reason and the last runs.
    """
    with connect_analyst(path, timeout, memory_limit, threads) as session:
        sections = _sections(session)
        articles = session.query("select count(*) from dim_article").rows[0][0]
    assets = files("newsetl.analyst.report") / "assets"
    page = Template(assets.joinpath("report.html").read_text(encoding="utf-8")).substitute(
        css=assets.joinpath("report.css").read_text(encoding="utf-8"),
        warehouse=escape(display_text(str(path))), articles=articles,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), **sections)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(f".{output.name}.partial")
    partial.write_text(page, encoding="utf-8")
    partial.replace(output)
    return output


def _query(session: AnalystSession, name: str, **params: object) -> QueryResult:
    return session.query(read_sql(f"report/{name}.sql"), params or None)


def _sections(session: AnalystSession) -> dict[str, str]:
    per_day = _query(session, "articles_per_day").rows
    monthly: dict[str, list[tuple[date, float]]] = {}
    for name, month, count in _query(session, "top_entities_monthly", top=TOP_ENTITIES).rows:
        monthly.setdefault(str(name), []).append((_day(month), float(str(count))))
    names = [str(row[0]) for row in _query(session, "top_entity_names",
                                           top=TOP_COOCCURRING).rows]
    pairs = {(str(a), str(b)): float(n) for a, b, n in
             _query(session, "top_entity_cooccurrence", top=TOP_COOCCURRING).rows}
    offsets = [(str(b), float(n)) for b, _, n in _query(session, "date_mention_offsets").rows]
    reasons = [(str(r), float(n)) for r, n in _query(session, "quarantine_by_reason").rows]
    return {
        "articles_per_day": line_chart("Articles per day", {
            "articles": [(_day(day), float(str(count))) for day, count in per_day]}),
        "top_entities": line_chart("Top entities over time", monthly),
        "cooccurrence": heat_map("Co-occurrence of the top entities", names, pairs),
        "date_mentions": bar_chart("Date mentions by distance from publication", offsets),
        "quarantine": bar_chart("Quarantine by reason", reasons),
        "runs": _runs_table(_query(session, "last_runs", limit=LAST_RUNS)),
    }


def _day(value: object) -> date:
    if not isinstance(value, date):
        raise TypeError(f"expected a date, got {value!r}")
    return value


def _runs_table(result: QueryResult) -> str:
    if not result.rows:
        return "<p>No runs recorded.</p>"
    header = "".join(f"<th>{escape(name.replace('_', ' '))}</th>" for name in result.columns)
    rows = []
    for row in result.rows:
        cells = []
        for value in row:
            if isinstance(value, datetime):
                value = value.strftime("%Y-%m-%d %H:%M")
            elif isinstance(value, float):
                value = f"{value:.1f} s"
            cells.append(f"<td>{escape(display_text('' if value is None else str(value)))}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (f'<table class="runs"><thead><tr>{header}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")
