"""The analyst connection is read-only, has no file or network access and a locked config."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import analyst_fixtures as sample
import duckdb
import pytest
from typer.testing import CliRunner

from newsetl.analyst.query import run_statement
from newsetl.cli import app
from newsetl.warehouse.connection import extension_path
from newsetl.warehouse.readonly import AnalystError, connect_analyst

FTS = extension_path("fts").as_posix()
DUCKLAKE = extension_path("ducklake").as_posix()

# statement, a word of DuckDB's own refusal
REFUSED = {
    "create table": ("create table notes (line varchar)", "read-only"),
    "insert": ("insert into dim_source values (9, 'x', 'r')", "read-only"),
    "update": ("update dim_entity set canonical_name = 'x'", "read-only"),
    "drop": ("drop table dim_article", "read-only"),
    "read_csv": ("select * from read_csv('/etc/passwd')", "disabled by configuration"),
    "read_text": ("select * from read_text('/etc/hostname')", "disabled by configuration"),
    "glob": ("select * from glob('/etc/*')", "disabled by configuration"),
    "copy to file": ("copy dim_source to '{tmp}/out.csv'", "disabled by configuration"),
    "attach": ("attach '{tmp}/other.duckdb' as other", "disabled by configuration"),
    "install": ("install httpfs", "disabled by configuration"),
    "load by name": ("load httpfs", "disabled through configuration"),
    "load by path": (f"load '{DUCKLAKE}'", "disabled through configuration"),
    "set": ("set threads = 1", "configuration has been locked"),
    "set external access": ("set enable_external_access = true", "locked"),
    "reset lock": ("reset lock_configuration", "locked"),
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample.sample_published(tmp_path_factory.mktemp("readonly"))


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_duckdb_itself_refuses(published, tmp_path, name):
    """The lock holds at the DuckDB level, whatever tool sends the statement."""
    statement, reason = REFUSED[name]
    with (connect_analyst(published, timeout_seconds=10) as session,
          pytest.raises(duckdb.Error, match=reason)):
        session.connection.execute(statement.format(tmp=tmp_path))
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_newsetl_sql_refuses_with_one_clear_line(published, tmp_path, name):
    statement, _ = REFUSED[name]
    with pytest.raises(AnalystError, match=r"^refused: ") as caught:
        run_statement(published, statement.format(tmp=tmp_path))
    assert "\n" not in str(caught.value)
    assert not list(tmp_path.iterdir())


def test_fts_was_loaded_before_the_lock(published):
    with connect_analyst(published, timeout_seconds=10) as session:
        stem = session.query("select stem('elections', 'porter')")
        settings = session.query("select current_setting('enable_external_access'), "
                                 "current_setting('lock_configuration')")
    assert stem.rows == [("elect",)]
    assert settings.rows == [(False, True)]


def test_a_second_session_in_the_same_process_shares_the_locked_instance(published):
    with connect_analyst(published, 10) as first, connect_analyst(published, 10) as second:
        assert first.query("select 1").rows == second.query("select 1").rows
        with pytest.raises(duckdb.Error, match="disabled by configuration"):
            second.connection.execute("select * from read_csv('/etc/passwd')")


def test_more_than_one_statement_is_refused(published):
    with pytest.raises(AnalystError, match="one statement at a time"):
        run_statement(published, "select 1; select 2")


def test_a_runaway_statement_is_interrupted_and_the_session_still_answers(published):
    with connect_analyst(published, timeout_seconds=0.5) as session:
        began = time.perf_counter()
        with pytest.raises(AnalystError, match=r"^interrupted: .* longer than 0.5 s$"):
            session.query("select count(*) from range(1000000000000) as a")
        assert time.perf_counter() - began < 5
        assert session.query("select 42").rows == [(42,)]


def test_errors_are_one_line(published):
    with pytest.raises(AnalystError) as caught:
        run_statement(published, "select * from no_such_table")
    assert str(caught.value).startswith("Catalog Error: Table with name no_such_table")
    assert "\n" not in str(caught.value)


def test_a_missing_published_file_is_one_clear_line(tmp_path):
    with pytest.raises(AnalystError, match=r"no published warehouse at .*a committed run"):
        run_statement(tmp_path / "missing.duckdb", "select 1")


def test_the_writer_file_is_never_touched_by_reads(published, tmp_path):
    writer = sample.sample_writer(tmp_path)
    before = writer.stat().st_mtime_ns
    run_statement(published, "select count(*) from dim_article")
    assert writer.stat().st_mtime_ns == before
    assert FTS  # loaded from the package, never downloaded


def test_a_statement_over_the_memory_limit_fails_with_one_line_and_the_session_goes_on(
        published, tmp_path):
    # Issue 16: an analyst aggregate reached 6.1 GB under DuckDB's default (80 % of RAM).
    copy = tmp_path / "copy.duckdb"  # its own DuckDB instance, so its own limit
    shutil.copyfile(published, copy)
    with connect_analyst(copy, 30, memory_limit="16MB", threads=1) as session:
        with pytest.raises(AnalystError) as caught:
            session.query("select count(distinct i) from range(20000000) as t(i)")
        message = str(caught.value)
        assert message.startswith("out of memory: the statement needs more than this "
                                  "session's memory limit (15.2 MiB, "
                                  "NEWSETL_ANALYST_MEMORY_LIMIT)")
        assert "\n" not in message
        assert session.query("select 42").rows == [(42,)]


def test_newsetl_sql_takes_memory_limit_and_threads_from_the_settings(
        published, tmp_path, monkeypatch):
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(published, copy)
    monkeypatch.setenv("NEWSETL_ANALYST_MEMORY_LIMIT", "64MB")
    monkeypatch.setenv("NEWSETL_ANALYST_THREADS", "1")
    result = CliRunner().invoke(app, [
        "sql", "--file", str(copy), "--format", "csv",
        "select current_setting('memory_limit') as m, current_setting('threads') as t"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["m,t", "61.0 MiB,1"]


@pytest.mark.parametrize("statement", [
    "checkpoint", "/* flush */ FORCE CHECKPOINT;", "call checkpoint()",
    'select * from "checkpoint"()', "from main.force_checkpoint()",
])
def test_checkpoint_is_refused_in_every_spelling(published, statement):
    # Issue 16: DuckDB runs a checkpoint even on a read-only file; newsetl sql accepted it.
    with pytest.raises(AnalystError, match=r"^refused: checkpoint writes the database file"):
        run_statement(published, statement)


def test_a_column_or_string_named_checkpoint_is_still_a_query(published):
    assert run_statement(published, "select 'checkpoint()' as checkpoint", "csv") \
        .splitlines() == ["checkpoint", "checkpoint()"]


@pytest.mark.parametrize("statement", ["pragma enable_profiling", "pragma threads = 1"])
def test_a_pragma_that_changes_the_session_is_refused_by_a_message_that_says_which_run(
        published, statement):
    # Issue 16: the refusal of a pragma listed "pragma" among the statements that run.
    with pytest.raises(AnalystError) as caught:
        run_statement(published, statement)
    message = str(caught.value)
    assert message.startswith("refused: ")
    assert "pragma, " not in message
    assert "the pragmas that only read, such as pragma table_info" in message


def test_a_pragma_that_only_reads_runs(published):
    lines = run_statement(published, "pragma table_info('dim_source')", "csv").splitlines()
    assert lines[0].startswith("cid,name,type")
    assert run_statement(published, "pragma version", "csv").startswith("library_version")
