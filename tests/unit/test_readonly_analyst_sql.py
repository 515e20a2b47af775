"""`newsetl sql`: one statement in four formats with a row limit, and the prompt."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import analyst_fixtures as sample
import pytest

from newsetl.analyst.formats import render, safe_text
from newsetl.analyst.query import interactive, run_statement

SOURCES = "select source_key, source_name from dim_source order by source_key"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample.sample_published(tmp_path_factory.mktemp("sql"))


def test_table_format(published):
    assert run_statement(published, SOURCES).splitlines() == [
        "source_key │ source_name",
        "───────────┼─────────────",
        "         1 │ Wikinews",
        "         2 │ Daily Planet",
    ]


def test_csv_format(published):
    rows = list(csv.reader(io.StringIO(run_statement(published, SOURCES, "csv"))))
    assert rows == [["source_key", "source_name"], ["1", "Wikinews"], ["2", "Daily Planet"]]


def test_json_format(published):
    got = json.loads(run_statement(published, "select published_date, title from dim_article "
                                   "order by article_key limit 1", "json"))
    assert got == [{"published_date": "2006-01-02", "title": "Acme opens an office in Paris"}]


def test_markdown_format(published):
    assert run_statement(published, SOURCES, "markdown").splitlines() == [
        "| source_key | source_name |", "|---|---|", "| 1 | Wikinews |", "| 2 | Daily Planet |"]


def test_row_limit_says_more_rows_exist(published):
    lines = run_statement(published, "select * from range(10)", max_rows=3).splitlines()
    assert lines[2:5] == ["    0", "    1", "    2"]
    assert lines[-1].startswith("(showing the first 3 rows; more exist")


def test_row_limit_keeps_csv_parseable_and_warns_on_stderr(published, capsys):
    text = run_statement(published, "select * from range(10) as t(n)", "csv", max_rows=3)
    assert text.splitlines() == ["n", "0", "1", "2"]
    assert "showing the first 3 rows" in capsys.readouterr().err


def test_terminal_output_escapes_control_characters(published):
    text = run_statement(published, "select right(text, 12) from dim_article where article_key = 4")
    assert "\x1b" not in text
    assert "\\x1b" in text


def test_safe_text_cuts_long_cells_and_flattens_newlines():
    assert safe_text("a\u202eb") == "a\\x202eb"
    assert safe_text("line1\nline2") == "line1 line2"
    assert len(safe_text("x" * 100, 10)) == 10
    assert safe_text(None) == "NULL"


def test_render_rejects_an_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        render(["a"], [(1,)], "xml")  # type: ignore[arg-type]


def test_interactive_runs_statements_across_lines_and_switches_format(published, tmp_path):
    lines = iter(["select source_name", "from dim_source order by source_key;",
                  ".format csv", "select 1 as one;", "create table x (a int);", ".tables",
                  ".quit"])
    out: list[str] = []
    interactive(published, history_file=tmp_path / "history", read_line=lambda _: next(lines),
                write=out.append)
    assert "Wikinews" in out[1]
    assert out[2] == "one\n1"
    assert out[3].startswith("Error: refused: create statement")
    assert "mart_entity_timeline,VIEW" in out[4]


def test_interactive_ends_on_ctrl_d(published):
    def eof(_: str) -> str:
        raise EOFError

    out: list[str] = []
    interactive(published, read_line=eof, write=out.append)
    assert out[-1] == ""
