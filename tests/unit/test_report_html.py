"""`newsetl report`: one self-contained HTML file, its charts Vega-Lite specs drawn by the
libraries inlined into it; opened in Debian's Chromium."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import analyst_fixtures as sample
import pytest
import report_fixtures as enriched
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6 import SCHEMA_URL
from altair.vegalite.v6.schema import load_schema

from newsetl.analyst.report import charts, write_report
from newsetl.analyst.report.partitions import partition_artifact, partition_days
from newsetl.analyst.report.sections import SECTIONS
from newsetl.flows.partition_tasks import plan_backfill
from newsetl.transforms.ledger.partition_selection import BackfillMode
from newsetl.warehouse.connection import connect_writer
from newsetl.warehouse.migrate import migrate
from newsetl.warehouse.publish import publish
from newsetl.warehouse.readonly import connect_analyst
from tests.conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
DOCS_SCREENSHOT = REPO / "docs" / "images" / "report.png"
SECTION_IDS = ["articles-per-day", "top-entities", "cooccurrence", "date-mentions", "places",
               "amounts", "tone", "stories", "authors", "languages", "quarantine", "partitions",
               "runs"]
CHARTS = [f"chart-{anchor}" for anchor in SECTION_IDS if anchor != "runs"]
ISSUE_18_SECTIONS = {"amounts": "fct_amount_mention", "tone": "fct_article_tone",
                     "stories": "dim_article.story_key"}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return enriched.enriched_published(tmp_path_factory.mktemp("warehouse"))


@pytest.fixture(scope="module")
def report(published: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("report") / "out" / "report.html"
    return write_report(published, output, enriched.BASIS)


def specs(html: str) -> dict[str, dict]:
    found = re.search(r'<script type="application/json" id="report-specs">(.*?)</script>',
                      html, re.S)
    assert found is not None
    return json.loads(found.group(1))


def chart_rows(spec: dict) -> list[dict]:
    """The inline rows of a spec (a layered chart keeps them on the top level or a layer)."""
    datasets = [spec.get("data", {}).get("values")] + [
        layer.get("data", {}).get("values") for layer in spec.get("layer", [])]
    return next(rows for rows in datasets if rows and "zero" not in rows[0])


def _published_without_issue_18(folder: Path, fill: bool) -> Path:
    writer = folder / "writer.duckdb"
    connection = connect_writer(writer)
    try:
        migrate(connection)
        if fill:
            sample.fill(connection)
        enriched.drop_issue_18_tables(connection)
    finally:
        connection.close()
    return publish(writer, folder / "published.duckdb").path


def test_the_page_needs_nothing_from_outside(report):
    html = report.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "<script src" not in html
    assert "<link" not in html
    assert "default-src 'none'" in html  # no connect-src, img-src only data: nothing fetched
    assert "vegaEmbed" in html  # the libraries are inside the page


def test_every_section_has_its_chart_or_table(report):
    html = report.read_text(encoding="utf-8")
    assert [anchor for anchor in SECTION_IDS if f'id="{anchor}"' not in html] == []
    assert sorted(specs(html)) == sorted(CHARTS)
    assert [chart for chart in CHARTS if f'<div class="chart" id="{chart}"' not in html] == []
    assert "<table class=\"runs\">" in html
    assert "Alice Smith" in html
    assert "no_text" in html


def test_every_chart_is_valid_vega_lite(report):
    # The report builds its specs as plain dicts, unvalidated; this is where they are checked.
    schema = load_schema()
    drawn = specs(report.read_text(encoding="utf-8"))
    errors = {name: validate_jsonschema(spec, schema, raise_error=False)
              for name, spec in drawn.items()}
    assert {name: str(error)[:200] for name, error in errors.items() if error} == {}
    broken = {**drawn["chart-partitions"], "mark": {"type": "no such mark"}}
    assert validate_jsonschema(broken, schema, raise_error=False) is not None


def test_the_specs_name_the_schema_they_are_validated_against(report):
    drawn = specs(report.read_text(encoding="utf-8"))
    assert {spec["$schema"] for spec in drawn.values()} == {charts.VEGA_LITE_SCHEMA}
    assert charts.VEGA_LITE_SCHEMA == SCHEMA_URL


def test_drawing_the_report_imports_no_chart_library() -> None:
    # A publishing run draws the report: the specs are plain dicts, so Altair (0.7 CPU s to
    # import) is no dependency of the product, only of these tests.
    code = ("import sys; import newsetl.analyst.report.page, newsetl.analyst.report.partitions;"
            " print(sorted(m for m in ('altair', 'jsonschema') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=REPO).stdout.strip()
    assert loaded == "[]"


def test_articles_per_day_are_zero_filled(report):
    rows = chart_rows(specs(report.read_text(encoding="utf-8"))["chart-articles-per-day"])
    days = [date.fromisoformat(row["published_date"][:10]) for row in rows]
    # four articles from 2006-01-02 to 2006-02-15: every one of the 45 days, zeros between
    assert days == [date(2006, 1, 2) + timedelta(days=n) for n in range(45)]
    counts = {row["published_date"][:10]: row["article_count"] for row in rows}
    assert counts["2006-01-02"] == 1
    assert counts["2006-01-04"] == 0
    assert sum(counts.values()) == 4
    assert rows[0]["published_date"] == "2006-01-02T00:00:00"  # local midnight, not UTC


def test_top_entities_are_zero_filled_month_by_month(report):
    rows = chart_rows(specs(report.read_text(encoding="utf-8"))["chart-top-entities"])
    paris = {row["month_start_date"][:7]: row["article_count"] for row in rows
             if row["canonical_name"] == "Paris"}
    assert paris == {"2006-01": 2, "2006-02": 0}


def test_the_issue_18_sections_draw_their_tables(report):
    drawn = specs(report.read_text(encoding="utf-8"))
    amounts = chart_rows(drawn["chart-amounts"])
    assert {(row["published_date"][:10], row["kind"], row["mention_count"]) for row in amounts
            if row["mention_count"]} == {("2006-01-02", "money", 1),
                                         ("2006-01-02", "percent", 1),
                                         ("2006-02-15", "money", 1)}
    assert len(amounts) == 2 * 45  # both kinds, every day of the span
    tone = chart_rows(drawn["chart-tone"])
    assert [(row["published_date"][:10], row["tone"]) for row in tone] == [
        ("2006-01-02", 0.4), ("2006-01-03", 0.1), ("2006-01-10", -0.3), ("2006-02-15", 0.6)]
    stories = chart_rows(drawn["chart-stories"])
    assert [(row["story"], row["article_count"]) for row in stories] == [
        ("1. Acme opens an office in Paris", 3)]


def test_authors_and_languages_are_counted_per_article(report):
    drawn = specs(report.read_text(encoding="utf-8"))
    authors = {row["author"]: row["article_count"] for row in chart_rows(drawn["chart-authors"])}
    assert authors == {"Jane Doe": 2, "José Álvarez": 2}
    languages = chart_rows(drawn["chart-languages"])
    assert [row["language"] for row in languages] == ["en (declared)"]
    assert languages[0]["article_count"] >= 4


def test_places_are_drawn_at_their_coordinates(report):
    places = chart_rows(specs(report.read_text(encoding="utf-8"))["chart-places"])
    assert sorted((row["place_name"], row["latitude"], row["mention_count"])
                  for row in places) == [("France", 46.0, 3), ("Paris", 48.85341, 2)]


def test_a_warehouse_without_the_issue_18_tables_says_so(tmp_path):
    published = _published_without_issue_18(tmp_path, fill=True)
    html = write_report(published, tmp_path / "old.html", enriched.BASIS).read_text(
        encoding="utf-8")
    for anchor, missing in ISSUE_18_SECTIONS.items():
        section = html[html.index(f'id="{anchor}"'):]
        assert section.index(f"Not available in this warehouse: it has no {missing}.") < \
            section.index("<h2")
    assert not {f"chart-{anchor}" for anchor in ISSUE_18_SECTIONS} & set(specs(html))


def test_an_empty_warehouse_says_so_in_every_section(tmp_path):
    writer = connect_writer(tmp_path / "writer.duckdb")
    migrate(writer)
    writer.close()
    published = publish(tmp_path / "writer.duckdb", tmp_path / "published.duckdb").path
    html = write_report(published, tmp_path / "empty.html", enriched.BASIS).read_text(
        encoding="utf-8")
    assert specs(html) == {}
    for section in SECTIONS:
        if section.anchor not in ISSUE_18_SECTIONS:
            assert f'<p class="empty">{section.empty}</p>' in html
    assert "No publication days yet: nothing built, nothing to backfill." in html
    assert "No runs recorded." in html


def test_the_partition_section_lists_what_a_backfill_would_rebuild(report):
    html = report.read_text(encoding="utf-8")
    section = html[html.index('id="partitions"'):html.index('id="runs"')]
    states = re.findall(r"<tr><td>(\w+)</td><td>(\d+)</td><td>(\d+)</td>", section)
    assert states == [("failed", "1", "1"), ("missing", "1", "1"), ("stale", "1", "1"),
                      ("built", "1", "1")]
    assert "newsetl backfill 2006-01-03 2006-01-03 --mode failed --dry-run" in section
    assert re.search(r"<td>2006-01-03</td><td>failed</td><td>1</td>"
                     r"<td class=\"text\">last build failed: disk full</td>", section)
    assert "<td>2006-01-10</td><td>missing</td>" in section
    assert "<td>2006-02-15</td><td>stale</td>" in section
    assert "<td>2006-01-02</td>" not in section  # built days are in the chart only


def test_the_report_judges_days_as_the_backfill_plan_does(published):
    with connect_analyst(published, 30) as session:
        days = partition_days(session.connection, enriched.BASIS)
        for mode in (BackfillMode.failed, BackfillMode.missing, BackfillMode.stale):
            plan = plan_backfill.fn(session.connection, date(2006, 1, 1), date(2006, 12, 31),
                                    mode, enriched.BASIS.versions, enriched.BASIS.rules)
            planned = set(plan.days.get_column("published_date").to_list())
            stated = set(days.filter(state=mode.value).get_column("published_date").to_list())
            assert stated <= planned, mode
    assert days.filter(state="built").get_column("published_date").to_list() == [
        date(2006, 1, 2)]


def test_the_partition_artifact_is_the_reports_table(published):
    with connect_analyst(published, 30) as session:
        rows, description = partition_artifact(partition_days(session.connection,
                                                               enriched.BASIS))
    assert description == "Publication days: 1 failed, 1 missing, 1 stale, 1 built."
    assert [(row["day"], row["state"]) for row in rows] == [
        ("2006-02-15", "stale"), ("2006-01-10", "missing"), ("2006-01-03", "failed")]


def test_chart_text_cannot_close_the_script(tmp_path):
    writer = sample.sample_writer(tmp_path)
    connection = connect_writer(writer)
    connection.execute("update dim_entity set canonical_name = '</script><script>alert(1)"
                       "</script>' where entity_key = ?", [sample.ALICE])
    connection.close()
    published = publish(writer, tmp_path / "published.duckdb").path
    html = write_report(published, tmp_path / "r.html", enriched.BASIS).read_text(
        encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert "\\u003c/script>\\u003cscript>alert(1)" in html


def test_the_last_runs_show_counts_and_durations(report):
    html = report.read_text(encoding="utf-8")
    assert re.search(r"<td>run-2</td>.*?<td>4\.0 s</td><td>1</td><td>1</td>", html)
    assert html.index("<td>run-2</td>") < html.index("<td>run-1</td>")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="apt-get install -y chromium")
def test_the_report_opens_in_chromium_and_the_charts_render(report, tmp_path):
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("request", lambda request: requests.append(request.url))
            page.goto(report.as_uri())
            page.wait_for_load_state("load")
            assert page.title() == "newsetl report"
            for chart in CHARTS:
                marks = page.locator(f"#{chart} svg g[class*='mark-'] > path")
                marks.first.wait_for(state="attached", timeout=10_000)
                assert marks.count() > 0, chart
                box = page.locator(f"#{chart} svg").first.bounding_box()
                assert box is not None
                assert box["width"] > 300, chart
                assert box["height"] > 100, chart
                assert page.locator(f"#{chart} svg g[class*='role-axis'], "
                                    f"#{chart} svg g[class*='role-legend']").count() > 0, chart
            # the articles chart: a point per day of the span, and its tooltip on hover
            points = page.locator("#chart-articles-per-day svg g.mark-symbol > path")
            assert points.count() == 45
            points.first.hover()
            tooltip = page.locator("#vg-tooltip-element")
            tooltip.wait_for(state="visible", timeout=5_000)
            assert "articles per day" in tooltip.inner_text()
            assert page.locator("table.runs tbody tr").count() == 2
            page.mouse.move(0, 0)
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        finally:
            browser.close()
    assert errors == []
    assert requests == [report.as_uri()]
    assert (tmp_path / "report.png").stat().st_size > 10_000
    # A test run leaves the checkout as it found it; the docs' picture is refreshed on request.
    if os.environ.get("NEWSETL_REFRESH_DOCS_SCREENSHOT") == "1":
        DOCS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        DOCS_SCREENSHOT.write_bytes((tmp_path / "report.png").read_bytes())


def test_newsetl_report_writes_the_page_from_the_file_it_is_given(tmp_path):
    from typer.testing import CliRunner

    from newsetl.cli import app

    published = sample.sample_published(tmp_path / "w")
    output = tmp_path / "cli" / "report.html"
    result = CliRunner().invoke(app, ["report", "--file", str(published), "--output",
                                      str(output)])
    assert result.exit_code == 0, result.output
    assert result.output == f"report written to {output}\n"
    html = output.read_text(encoding="utf-8")
    assert [anchor for anchor in SECTION_IDS if f'id="{anchor}"' not in html] == []
    # the fixture's runs were built by other versions than this code's: every day is stale
    assert "newsetl backfill 2006-01-02 2006-02-15 --mode missing --dry-run" in html
