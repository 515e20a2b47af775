"""`newsetl status` (issue 16, operations): the last successful nightly run and the newest
publication day of the published warehouse; exit 1 when either is older than the settings
allow, so a monitor can alert."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from derived_fixtures import Article, load
from typer.testing import CliRunner

from newsetl.cli import app
from newsetl.warehouse.freshness import check_freshness
from newsetl.warehouse.publish import publish
from newsetl.warehouse.runs import RunRecord, RunVersions
from newsetl.warehouse.session import writer_session

VERSIONS = RunVersions("t", "m", "1", "r")


def _published(tmp_path, day: date, kind: str = "nightly"):
    warehouse, published = tmp_path / "w.duckdb", tmp_path / "published" / "w.duckdb"
    with writer_session(warehouse, RunRecord("run-1", kind, VERSIONS), 5,
                        after_close=lambda: publish(warehouse, published)) as session:
        load(session.connection, [Article(1, "one", day=day)])
    return published


def test_status_says_fresh_and_exits_zero(tmp_path):
    today = datetime.now(UTC).date()
    published = _published(tmp_path, today)
    result = CliRunner().invoke(app, ["status", "--file", str(published)])
    assert result.exit_code == 0, result.output
    assert f"newest publication day:   {today}" in result.output
    assert "OK: fresh" in result.output


def test_status_exits_one_when_no_nightly_succeeded_for_26_hours(tmp_path):
    today = datetime.now(UTC).date()
    published = _published(tmp_path, today)
    later = datetime.now(UTC) + timedelta(hours=27)
    stale = check_freshness(published, 26, 2, now=later)
    assert stale.problems == [stale.problems[0]]
    assert "no nightly run succeeded in the last 26 h" in stale.problems[0]
    assert check_freshness(published, 26, 2, now=later - timedelta(hours=2)).problems == []


def test_status_exits_one_when_the_newest_day_is_old(tmp_path, monkeypatch):
    published = _published(tmp_path, datetime.now(UTC).date() - timedelta(days=5))
    monkeypatch.setenv("NEWSETL_FRESHNESS_MAX_DAY_LAG", "4")
    result = CliRunner().invoke(app, ["status", "--file", str(published)])
    assert result.exit_code == 1
    assert "is 5 days old (more than 4" in result.output


def test_status_counts_only_nightly_runs(tmp_path):
    published = _published(tmp_path, datetime.now(UTC).date(), kind="backfill")
    result = CliRunner().invoke(app, ["status", "--file", str(published)])
    assert result.exit_code == 1
    assert "last successful nightly:  never" in result.output
    assert "STALE: no nightly run has succeeded" in result.output


def test_status_without_a_published_copy_fails_in_one_line(tmp_path):
    result = CliRunner().invoke(app, ["status", "--file", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no published warehouse at" in result.output
