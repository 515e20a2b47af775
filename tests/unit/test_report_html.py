"""`newsetl report`: one self-contained HTML file; opened in Debian's Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import analyst_fixtures as sample
import pytest

from newsetl.analyst.report import write_report
from newsetl.analyst.report.charts import bar_chart, heat_map, line_chart
from newsetl.warehouse.connection import connect_writer
from newsetl.warehouse.migrate import migrate
from newsetl.warehouse.publish import publish

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SECTIONS = ["articles-per-day", "top-entities", "cooccurrence", "date-mentions", "quarantine",
            "runs"]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    return write_report(sample.sample_published(folder), folder / "out" / "report.html")


def test_the_page_needs_nothing_from_outside(report):
    html = report.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "<script" not in html
    assert "<link" not in html
    assert "default-src 'none'" in html


def test_every_section_has_its_chart_or_table(report):
    html = report.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f'id="{section}"' in html
    assert html.count('<svg class="chart"') == 5
    assert "<table class=\"runs\">" in html
    assert "Alice Smith" in html
    assert "no_text" in html


def test_the_last_runs_show_counts_and_durations(report):
    html = report.read_text(encoding="utf-8")
    assert re.search(r"<td>run-2</td>.*?<td>4\.0 s</td><td>1</td><td>1</td>", html)
    assert html.index("<td>run-2</td>") < html.index("<td>run-1</td>")


def test_an_empty_warehouse_gives_a_page_with_no_data_notes(tmp_path):
    writer = connect_writer(tmp_path / "writer.duckdb")
    migrate(writer)
    writer.close()
    published = publish(tmp_path / "writer.duckdb", tmp_path / "published.duckdb").path
    html = write_report(published, tmp_path / "empty.html").read_text(encoding="utf-8")
    assert html.count(">no data</text>") == 5
    assert "No runs recorded." in html


def test_chart_text_is_escaped():
    svg = bar_chart("<b>", [("<script>alert(1)</script>", 3.0)])
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "<b>" not in heat_map("x", ["<b>"], {("<b>", "<b>"): 1.0})
    assert line_chart("x", {}) .count("no data") == 1


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="apt-get install -y chromium")
def test_the_report_opens_in_chromium_and_the_charts_render(report, tmp_path):
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("request", lambda request: requests.append(request.url))
            page.goto(report.as_uri())
            page.wait_for_load_state("load")
            assert page.title() == "newsetl report"
            charts = page.locator("svg.chart")
            assert charts.count() == 5
            for index in range(charts.count()):
                box = charts.nth(index).bounding_box()
                assert box is not None
                assert box["width"] > 300
                assert box["height"] > 50
            assert page.locator("svg.chart polyline.series").count() >= 2
            assert page.locator("svg.chart rect.cell").count() == 16
            assert page.locator("svg.chart rect.bar").count() >= 4
            assert page.locator("table.runs tbody tr").count() == 2
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        finally:
            browser.close()
    assert errors == []
    assert requests == [report.as_uri()]
    assert (tmp_path / "report.png").stat().st_size > 10_000


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
    assert [section for section in SECTIONS if f'id="{section}"' not in html] == []
