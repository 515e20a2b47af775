"""`newsetl run` as a user types it: a summary on success, one clear line and exit 1 on
failure, and exit 0 when only some files were bad."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from newsetl.cli import app
from tests.conftest import SEED_FILE

pytestmark = pytest.mark.slow


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, prefect_api: None) -> CliRunner:
    monkeypatch.setenv("NEWSETL_NER_PROCESSES", "1")
    return CliRunner()


def test_run_prints_a_summary_and_exits_zero_with_a_bad_file(runner: CliRunner,
                                                             tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED_FILE, inbox / "seed.txt")
    (inbox / "broken.json").write_text("{not json")
    warehouse = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["run", "--inbox", str(inbox), "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    assert "2 seen, 1 loaded, 0 unchanged, 0 duplicate, 1 quarantined" in result.output
    assert "1 new" in result.output

    again = runner.invoke(app, ["run", "--inbox", str(inbox), "--warehouse", str(warehouse)])
    assert again.exit_code == 0
    assert "2 seen, 0 loaded, 2 unchanged" in again.output

    # Issue 15: `--warehouse` names the same warehouse in every command; the analyst
    # commands read its published copy, so they never need the writer's lock.
    query = ["sql", "--warehouse", str(warehouse), "--format", "csv",
             "select count(*) as n from dim_article"]
    with duckdb.connect(str(warehouse)):  # a writer holding the file does not matter
        counted = runner.invoke(app, query)
    assert counted.exit_code == 0, counted.output
    assert counted.output.splitlines() == ["n", "1"]
    published = warehouse.parent / "published" / warehouse.name
    by_file = runner.invoke(app, ["sql", "--file", str(published), "--format", "csv",
                                  "select count(*) as n from dim_article"])
    assert by_file.output.splitlines() == ["n", "1"]
    both = runner.invoke(app, [*query[:3], "--file", str(published), "select 1"])
    assert both.exit_code != 0


def test_run_takes_paths_relative_to_the_working_directory(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "in").mkdir()
    shutil.copy(SEED_FILE, tmp_path / "in" / "seed.txt")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["run", "--inbox", "in", "--warehouse", "wh/w.duckdb"])
    assert result.exit_code == 0, result.output
    assert "1 new" in result.output
    assert (tmp_path / "wh" / "published" / "w.duckdb").is_file()
    assert (tmp_path / "wh" / "published" / "report.html").is_file()


def test_run_on_a_missing_inbox_fails_with_one_clear_line(runner: CliRunner,
                                                          tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "--inbox", str(tmp_path / "nope"),
                                 "--warehouse", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 1
    assert "run failed: FileNotFoundError: the inbox" in result.output
