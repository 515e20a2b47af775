"""Promise: `newsetl sql` runs queries only. Every way out an attacker tried (writes, files,
network, extensions, settings, checkpoints, several statements) is refused with one line and
changes nothing on disk; a statement over the memory cap or the time cap fails alone, in one
line, within bounds."""

from __future__ import annotations

import hashlib
import os
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsetl.cli import app
from newsetl.warehouse.connection import extension_path
from tests.conftest import REPO
from tests.integration.prefect_server import BIN
from tests.scorecard.runs import PeakMemory
from tests.scorecard.scorecard import record
from tests.unit.analyst_fixtures import sample_published

DUCKLAKE = extension_path("ducklake").as_posix()
# Each an attempt to write, read or reach outside the published copy, or to loosen the lock.
ESCAPES = (
    "create table notes (line varchar)",
    "create view v as select 1",
    "create macro m(x) as x + 1",
    "create sequence s",
    "create schema other",
    "insert into dim_source values (9, 'x', 'r')",
    "update dim_entity set canonical_name = 'x'",
    "delete from dim_article",
    "drop table dim_article",
    "alter table dim_article add column x int",
    "truncate dim_article",
    "comment on table dim_article is 'x'",
    "select * from read_csv('/etc/passwd')",
    "select * from read_csv_auto('/etc/passwd')",
    "select * from read_text('/etc/hostname')",
    "select * from read_blob('/etc/hostname')",
    "select * from read_json('/etc/hostname')",
    "select * from read_parquet('/etc/hostname')",
    "select * from glob('/etc/*')",
    "select * from '/etc/passwd'",
    "copy dim_source to '{tmp}/out.csv'",
    "copy (select 1) to '{tmp}/out.parquet' (format parquet)",
    "copy dim_source from '/etc/passwd'",
    "export database '{tmp}/export'",
    "import database '{tmp}'",
    "attach '{tmp}/other.duckdb' as other",
    "attach ':memory:' as scratch",
    "detach newsetl",
    "install httpfs",
    "force install httpfs",
    "load httpfs",
    f"load '{DUCKLAKE}'",
    "set threads = 1",
    "set memory_limit = '100GB'",
    "set enable_external_access = true",
    "set global lock_configuration = false",
    "reset lock_configuration",
    "pragma threads = 1",
    "pragma enable_profiling",
    "pragma memory_limit = '100GB'",
    "checkpoint",
    "force checkpoint",
    "call checkpoint()",
    "select * from force_checkpoint()",
    "vacuum dim_article",
    "select 1; drop table dim_article",
    "select 1; select * from read_csv('/etc/passwd')",
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _newsetl_sql(published: Path, statement: str, **env: str) -> tuple[int, str, float, float]:
    """`newsetl sql --file published statement` as a process: (exit code, stderr, seconds,
    peak RSS in MiB)."""
    started = time.monotonic()
    process = subprocess.Popen([str(BIN / "newsetl"), "sql", "--file", str(published),
                                statement], env={**os.environ, **env}, cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = PeakMemory(process.pid)
    _, error = process.communicate(timeout=120)
    peak.stop()
    return process.returncode, error, time.monotonic() - started, peak.mib


def test_every_escape_is_refused_in_one_line_and_the_caps_hold(tmp_path: Path) -> None:
    published = sample_published(tmp_path / "warehouse")
    before = _digest(published)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    runner = CliRunner()
    accepted, not_one_line, worded = [], [], 0
    for statement in ESCAPES:
        result = runner.invoke(app, ["sql", "--file", str(published),
                                     statement.format(tmp=scratch)])
        message = result.output.strip()
        if result.exit_code != 1 or not message.startswith("newsetl: "):
            accepted.append(f"{statement!r} → {result.exit_code} {message[:80]!r}")
        elif "\n" in message:
            not_one_line.append(statement)
        # A file named as a table ('/etc/passwd') is refused as a missing table instead.
        worded += message.startswith("newsetl: refused: ")
    leaked = sorted(path.name for path in scratch.iterdir())
    changed = _digest(published) != before
    still_answers = runner.invoke(app, ["sql", "--file", str(published), "--format", "csv",
                                        "select count(*) from dim_article"])

    memory_code, memory_error, memory_seconds, memory_rss = _newsetl_sql(
        published, "select list(i) from range(100000000) as t(i)",  # 800 MB uncapped
        NEWSETL_ANALYST_MEMORY_LIMIT="64MB", NEWSETL_ANALYST_THREADS="1")
    time_code, time_error, time_seconds, _ = _newsetl_sql(
        published, "select count(*) from range(1000000000000) as a, range(10) as b",
        NEWSETL_ANALYST_TIMEOUT_SECONDS="1")

    memory_ok = (memory_code == 1 and memory_error.startswith("newsetl: out of memory")
                 and memory_error.count("\n") == 1 and memory_rss < 400)
    time_ok = (time_code == 1 and time_error.startswith("newsetl: interrupted")
               and time_error.count("\n") == 1 and time_seconds < 15)
    figures = {"escapes tried": len(ESCAPES),
               "refused in one line": len(ESCAPES) - len(accepted) - len(not_one_line),
               "saying 'refused'": worded, "accepted": len(accepted), "files leaked": len(leaked),
               "published copy changed": changed,
               "64MB cap": f"{'failed cleanly' if memory_ok else 'NOT HELD'} "
                           f"({memory_rss:.0f} MiB peak, {memory_seconds:.1f} s)",
               "1 s timeout": f"{'interrupted' if time_ok else 'NOT HELD'} "
                              f"(after {time_seconds:.1f} s, process included)"}
    passed = (not accepted and not not_one_line and not leaked and not changed
              and memory_ok and time_ok and still_answers.exit_code == 0)
    record("sql lockdown", passed, figures, "; ".join(accepted)[:300])
    assert accepted == []
    assert not_one_line == []
    assert leaked == []
    assert not changed
    assert still_answers.output.splitlines() == ["count_star()", "4"]
    assert memory_ok, (memory_code, memory_error, memory_rss)
    assert time_ok, (time_code, time_error, time_seconds)


@pytest.mark.parametrize("statement", ["select 'checkpoint()' as checkpoint",
                                       "pragma table_info('dim_source')",
                                       "select count(*) from mart_source_volume"])
def test_queries_that_only_read_still_run(tmp_path: Path, statement: str) -> None:
    published = sample_published(tmp_path)
    result = CliRunner().invoke(app, ["sql", "--file", str(published), statement])
    assert result.exit_code == 0, result.output
