"""A writer session: the lock, the connection, an up-to-date schema and the run's record."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from newsetl.settings import WarehouseTarget
from newsetl.warehouse.backend import as_target, connect_warehouse, writer_guard
from newsetl.warehouse.migrate import migrate
from newsetl.warehouse.runs import (
    RunCounts,
    RunRecord,
    finish_run,
    mark_interrupted_runs,
    mark_published,
    record_publish_failure,
    start_run,
)

log = logging.getLogger(__name__)


@dataclass
class WriterSession:
    """What a run writes with: the connection, its run record and the counts so far."""

    connection: duckdb.DuckDBPyConnection
    run: RunRecord
    counts: RunCounts = field(default_factory=RunCounts)
    seconds: float = 0.0


class PartialFailure(RuntimeError):  # noqa: N818 - reads as what happened
    """Part of a run failed, yet everything it committed is consistent and checked (e.g. a
    backfill whose failing days rolled back alone): the run is recorded `failed`, and what
    it committed is still published."""


class PublishFailedError(RuntimeError):
    """The run committed, but its warehouse could not be checkpointed or published: it is
    recorded `publish_failed` (with this cause), never `succeeded`; the next run publishes."""


@contextmanager
def writer_session(warehouse: Path | WarehouseTarget, run: RunRecord,
                   lock_timeout_seconds: float,
                   after_close: Callable[[], object] | None = None,
                   memory_limit: str | None = None) -> Iterator[WriterSession]:
    """Open the warehouse as its only writer and record `run` from start to end.

    The run is closed `failed` (with the error) when the block raises; the error is
    re-raised. A block that ends normally closes the run `succeeded`, or, with
    `after_close`, `publishing`: the connection is checkpointed (an error, with its cause,
    if that fails) and closed, so the file holds every committed row and no WAL, and
    `after_close` (publishing a copy) runs before the lock is released; once it returned
    the run is recorded `succeeded`. If the checkpoint or `after_close` fails, the run is
    recorded `publish_failed` with the cause and `PublishFailedError` is raised: the status,
    the exit code and the published copy agree. A `PartialFailure` from the block is
    recorded `failed`, published all the same, and re-raised. `memory_limit` is DuckDB's
    for the writer connection.

    `warehouse` is a DuckDB file or a `WarehouseTarget` (`backend.py`). A DuckLake
    warehouse is never checkpointed here (DuckLake's checkpoint would compact files and
    expire the snapshots readers use) and has nothing to publish: pass no `after_close`.
    """
    target = as_target(warehouse)
    partial: PartialFailure | None = None
    checkpointed: float | None = None
    with writer_guard(target, f"{run.run_kind} run {run.run_id}", lock_timeout_seconds):
        connection = connect_warehouse(target, memory_limit)
        try:
            migrate(connection)
            interrupted = mark_interrupted_runs(connection)
            if interrupted:
                log.warning("marked %d interrupted run(s) as failed", interrupted)
            start_run(connection, run)
            session = WriterSession(connection, run)
            try:
                yield session
            except PartialFailure as error:
                partial = error
                session.seconds = finish_run(connection, run, session.counts,
                                             error=f"{type(error).__name__}: {error}")
            except BaseException as error:
                finish_run(connection, run, session.counts,
                           error=f"{type(error).__name__}: {error}")
                raise
            else:
                session.seconds = finish_run(
                    connection, run, session.counts,
                    status="publishing" if after_close is not None else "succeeded")
            if after_close is not None and not target.is_lake:
                closing = time.perf_counter()
                _checkpoint(connection, target.path, run)
                checkpointed = time.perf_counter() - closing
        finally:
            connection.close()
        if checkpointed is not None:
            log.info("checkpointed and closed the warehouse in %.2f s", checkpointed)
        if after_close is not None:
            try:
                after_close()
            except Exception as error:
                cause = f"publishing failed: {_cause(error)}"
                _record(target, memory_limit,
                        lambda c: record_publish_failure(c, run.run_id, cause))
                raise PublishFailedError(f"run {run.run_id} committed but was not published: "
                                         f"{_cause(error)}") from error
            if partial is None and not _record(target, memory_limit,
                                               lambda c: mark_published(c, run.run_id)):
                raise PublishFailedError(f"run {run.run_id} was published but could not be "
                                         "recorded `succeeded` (see the log)")
        if partial is not None:
            raise partial


def _cause(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def _checkpoint(connection: duckdb.DuckDBPyConnection, warehouse: Path, run: RunRecord) -> None:
    """Write every committed row into the file (no WAL left), or fail with the cause after
    recording it; `close()` would checkpoint too, but says nothing when that fails."""
    try:
        connection.execute("checkpoint")
    except duckdb.Error as error:
        message = f"checkpoint of {warehouse} failed: {_cause(error)}"
        log.error("%s", message)
        try:
            record_publish_failure(connection, run.run_id, message)
        except duckdb.Error as recording:
            log.error("could not record the failure in etl_run: %s", recording)
        raise PublishFailedError(f"run {run.run_id} committed but was not published: "
                                 f"{message}") from error


def _record(target: WarehouseTarget, memory_limit: str | None,
            write: Callable[[duckdb.DuckDBPyConnection], None]) -> bool:
    """Reopen the closed writer file (the lock is still held) for one ledger write; False
    (logged) if it could not be written, e.g. on a disk that is still full."""
    try:
        connection = connect_warehouse(target, memory_limit)
    except duckdb.Error as error:
        log.error("could not record the run's publication in etl_run: %s", _cause(error))
        return False
    try:
        write(connection)
        if not target.is_lake:
            connection.execute("checkpoint")
    except duckdb.Error as error:
        log.error("could not record the run's publication in etl_run: %s", _cause(error))
        return False
    finally:
        connection.close()
    return True
