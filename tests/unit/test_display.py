"""Names shown to people: newlines, controls and bidi overrides escaped (issue 16)."""

from __future__ import annotations

import shutil
import unicodedata
from datetime import date

import analyst_fixtures as sample
import polars as pl
import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from report_fixtures import BASIS

from newsetl.analyst.report import write_report
from newsetl.cli import fail
from newsetl.flows.backfill_result import BackfillResult, DayOutcome
from newsetl.flows.nightly import RunSummary
from newsetl.transforms.display import display_text
from newsetl.transforms.ledger.partition_selection import BackfillMode
from newsetl.transforms.ledger.run_summary import run_summary_markdown

# Shown raw, it reads "eviltxt.png" on two lines.
EVIL = "evil\nname\u202egnp.txt"


@pytest.mark.parametrize(("text", "shown"), [
    (EVIL, "evil\\nname\\u202egnp.txt"),
    ("tab\there\r\x1b[31mred\x7f\x85", "tab\\there\\r\\x1b[31mred\\x7f\\x85"),
    ("zero\u200bwidth\u2066isolate\u2069\u2028\ufeff",
     "zero\\u200bwidth\\u2066isolate\\u2069\\u2028\\ufeff"),
    ("bytes\udcff.txt", "bytes\\udcff.txt"),
    ("tag\U000e0041 soft\u00adhyphen", "tag\\U000e0041 soft\\xadhyphen"),
    ("São Paulo/日本 – ok.json", "São Paulo/日本 – ok.json"),
])
def test_display_text_escapes_what_cannot_be_seen(text, shown):
    assert display_text(text) == shown


@given(st.text())
def test_display_text_leaves_nothing_invisible_and_is_idempotent(text):
    shown = display_text(text)
    assert not [c for c in shown if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp", "Cs"}]
    assert display_text(shown) == shown


def test_the_run_summary_escapes_the_warehouse_path():
    counts = dict.fromkeys(
        ["files_seen", "files_loaded", "files_unchanged", "files_duplicate",
         "files_quarantined", "articles_new", "articles_changed", "articles_unchanged",
         "articles_duplicate", "records_quarantined", "articles_retired", "entity_mentions",
         "date_mentions", "articles_untagged"], 0)
    out = RunSummary("r1", "succeeded", 1.0, counts, f"/w/{EVIL}/newsetl.duckdb").text() + "\n"
    assert "→ /w/evil\\nname\\u202egnp.txt/newsetl.duckdb\n" in out
    assert "\u202e" not in out
    assert len(out.splitlines()) == 5
    assert out.endswith("  fields we ignored: none\n")


def test_a_failed_run_escapes_its_message(capsys):
    with pytest.raises(typer.Exit):
        fail(FileNotFoundError(f"the inbox /in/{EVIL} is not a folder"))
    err = capsys.readouterr().err
    assert err == ("newsetl: run failed: FileNotFoundError: the inbox "
                   "/in/evil\\nname\\u202egnp.txt is not a folder\n")


def test_the_markdown_summary_escapes_its_cells():
    entities = pl.DataFrame({"canonical_name": ["A\u202eB"], "entity_type": ["ORG"],
                             "article_count": [1]})
    text = run_summary_markdown("r", pl.DataFrame({"outcome": ["new"], "records": [1]}),
                                entities, pl.DataFrame({"reason_code": [], "quarantined": []}))
    assert "| A\\u202eB | ORG | 1 |" in text
    assert "\u202e" not in text


def test_the_html_report_escapes_the_warehouse_path(tmp_path):
    folder = tmp_path / EVIL
    folder.mkdir()
    published = folder / "newsetl.duckdb"
    shutil.copyfile(sample.sample_published(tmp_path / "sample"), published)
    html = write_report(published, tmp_path / "report.html", BASIS).read_text(encoding="utf-8")
    assert "evil\\nname\\u202egnp.txt" in html
    assert "\u202e" not in html
    assert EVIL not in html


def test_the_backfill_table_escapes_an_error_message():
    day = DayOutcome(published_date=date(2024, 1, 1), status="failed", reason="stale",
                     articles=0, error=f"cannot read {EVIL}")
    result = BackfillResult(start_date=date(2024, 1, 1), end_date=date(2024, 1, 1),
                            mode=BackfillMode("stale"), dry_run=False, days=[day])
    row = result.markdown().splitlines()[-1]
    assert row.endswith("| cannot read evil name\\u202egnp.txt |")
