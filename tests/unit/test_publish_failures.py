"""Failures after commit (issue 16, defect 4): a run whose checkpoint or publication fails
is recorded `publish_failed` with the cause and raises, never `succeeded`; the published copy
is the previous one; the next run publishes. A failed checkpoint is an error, not "closed"."""

from __future__ import annotations

import errno
import logging
from pathlib import Path

import duckdb
import pytest
from derived_fixtures import Article, load

from newsetl.warehouse.publish import publish
from newsetl.warehouse.runs import RunRecord, RunVersions
from newsetl.warehouse.session import PublishFailedError, writer_session
from tests.small_disk import fill, small_tmpfs

VERSIONS = RunVersions("t", "m", "1", "r")


def _runs(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(
            "select run_id, status, error from etl_run order by started_at").fetchall()


def _no_space(*_: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device", "published/.w.duckdb.publishing")


def test_a_failed_publication_is_recorded_and_raised_and_the_next_run_publishes(tmp_path):
    warehouse, published = tmp_path / "w.duckdb", tmp_path / "published" / "w.duckdb"
    first = RunRecord("run-1", "nightly", VERSIONS)
    with (pytest.raises(PublishFailedError, match="No space left on device"),
          writer_session(warehouse, first, 5, after_close=_no_space) as session):
        load(session.connection, [Article(1, "one")])
    assert _runs(warehouse) == [("run-1", "publish_failed", "publishing failed: OSError: "
                                 "[Errno 28] No space left on device: "
                                 "'published/.w.duckdb.publishing'")]
    assert not published.exists()

    second = RunRecord("run-2", "nightly", VERSIONS)
    with writer_session(warehouse, second, 5,
                        after_close=lambda: publish(warehouse, published)) as session:
        load(session.connection, [Article(2, "two")])
    assert [status for _, status, _ in _runs(warehouse)] == ["publish_failed", "succeeded"]
    with duckdb.connect(str(published), read_only=True) as connection:
        assert connection.execute("select count(*) from dim_article").fetchone() == (2,)
        # the copy says what the writer's file says once it is published
        assert connection.execute("select run_id, status from etl_run order by run_id"
                                  ).fetchall() == [("run-1", "publish_failed"),
                                                   ("run-2", "succeeded")]
    assert not published.with_name("w.duckdb.wal").exists()


def test_a_run_killed_while_publishing_is_recorded_publish_failed(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    with writer_session(warehouse, RunRecord("run-1", "nightly", VERSIONS), 5):
        pass
    with duckdb.connect(str(warehouse)) as connection:  # as a process killed mid-publish
        connection.execute("update etl_run set status = 'publishing'")
    with writer_session(warehouse, RunRecord("run-2", "nightly", VERSIONS), 5):
        pass
    assert _runs(warehouse) == [
        ("run-1", "publish_failed",
         "interrupted: the process ended while the run was being published"),
        ("run-2", "succeeded", None)]


def test_a_checkpoint_that_fails_on_a_full_disk_is_an_error_with_its_cause(tmp_path, caplog):
    published = tmp_path / "published" / "w.duckdb"
    with small_tmpfs(tmp_path / "disk", "24m") as disk:
        warehouse = disk / "w.duckdb"
        with writer_session(warehouse, RunRecord("run-0", "nightly", VERSIONS), 5):
            pass  # the schema, checkpointed
        calls: list[str] = []
        caplog.set_level(logging.INFO, logger="newsetl")
        filled: list[Path] = []

        def load_then_fill_the_disk() -> None:
            with writer_session(warehouse, RunRecord("run-1", "nightly", VERSIONS), 5,
                                after_close=lambda: calls.append("published")) as session:
                load(session.connection, [Article(k, "word " * 2000) for k in range(1, 400)])
                filled.append(fill(disk, leave_bytes=64 * 1024))

        with pytest.raises(PublishFailedError, match=r"checkpoint.*No space left on device"):
            load_then_fill_the_disk()
        assert calls == []
        assert not published.exists()
        assert "closed the warehouse" not in caplog.text
        assert "checkpoint of" in caplog.text
        filled[0].unlink()
        with writer_session(warehouse, RunRecord("run-2", "nightly", VERSIONS), 5,
                            after_close=lambda: publish(warehouse, published)):
            pass
        statuses = {run_id: status for run_id, status, _ in _runs(warehouse)}
        assert statuses == {"run-0": "succeeded", "run-1": "publish_failed",
                            "run-2": "succeeded"}
        with duckdb.connect(str(published), read_only=True) as connection:
            assert connection.execute("select count(*) from dim_article").fetchone() == (399,)
