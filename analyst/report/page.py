"""`newsetl report` (and every run's report): one self-contained HTML page about the
published warehouse. Charts are Vega-Lite specs (`sections`, `partitions`) drawn in the page
by the Vega, Vega-Lite and Vega-Embed libraries inlined into it (vl-convert-python ships
them), so the page opens offline and makes no request. Its Content-Security-Policy allows
inline scripts and `eval` (Vega compiles its expressions to functions) but no connection,
frame or image other than `data:`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html import escape
from importlib.resources import files
from pathlib import Path
from string import Template

from newsetl.settings import WarehouseTarget
from newsetl.transforms.display import display_text
from newsetl.warehouse.readonly import AnalystSession, QueryResult, connect_analyst
from newsetl.warehouse.sql_files import read_sql

from .charts import Spec
from .partition_facts import BuildBasis
from .partitions import partition_days, partition_section
from .sections import SECTIONS, draw_section
from .vega_libraries import vega_libraries

LAST_RUNS = 20
# Draws every chart of the page; a chart that fails says so in its place.
_DRAW_CHARTS = """
const specs = JSON.parse(document.getElementById("report-specs").textContent);
for (const [id, spec] of Object.entries(specs)) {
  vegaEmbed("#" + id, spec, {renderer: "svg", actions: false}).catch((error) => {
    document.getElementById(id).textContent = "This chart could not be drawn: " + error;
    console.error(error);
  });
}
"""


def write_report(path: Path | WarehouseTarget, output: Path, basis: BuildBasis,
                 timeout: float = 120.0, memory_limit: str | None = None,
                 threads: int | None = None) -> Path:
    """Write an HTML report on the published warehouse to OUTPUT (one file, opens offline).

    Articles over time, top entities, their co-occurrence, dates mentioned against
    publication dates, places on a map, amounts, tone and stories (where the warehouse has
    them), quarantine by reason, the state of each publication day (judged against
    `basis`, as a backfill would) and the last runs.
    """
    with connect_analyst(path, timeout, memory_limit, threads) as session:
        html, specs = _sections(session, basis)
        articles = session.query("select count(*) from dim_article").rows[0][0]
    assets = files("newsetl.analyst.report") / "assets"
    page = Template(assets.joinpath("report.html").read_text(encoding="utf-8")).substitute(
        css=assets.joinpath("report.css").read_text(encoding="utf-8"),
        warehouse=escape(display_text(str(path))), articles=articles,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), sections=html,
        specs=_script_json(specs), libraries=vega_libraries(), draw=_DRAW_CHARTS)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(f".{output.name}.partial")
    partial.write_text(page, encoding="utf-8")
    partial.replace(output)
    return output


def _script_json(specs: dict[str, Spec]) -> str:
    """JSON safe inside a <script> element: no `</script>`, no `<!--`."""
    return json.dumps(specs, separators=(",", ":")).replace("<", "\\u003c")


def _sections(session: AnalystSession, basis: BuildBasis) -> tuple[str, dict[str, Spec]]:
    parts, specs = [], {}
    for section in SECTIONS:
        drawn = draw_section(session, section)
        parts.append(drawn.html)
        if drawn.spec is not None:
            specs[f"chart-{drawn.anchor}"] = drawn.spec
    days = partition_days(session.connection, basis)
    html, spec = partition_section(days)
    parts.append(html)
    if spec is not None:
        specs["chart-partitions"] = spec
    parts.append('<h2 id="runs">Last runs</h2>')
    parts.append(_runs_table(session.query(read_sql("report/last_runs.sql"),
                                           {"limit": LAST_RUNS})))
    return "\n".join(parts), specs


def _runs_table(result: QueryResult) -> str:
    if not result.rows:
        return '<p class="empty">No runs recorded.</p>'
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
