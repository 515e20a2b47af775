"""A writer session: the lock, the connection, an up-to-date schema and the run's record."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from newsetl.warehouse.connection import connect_writer
from newsetl.warehouse.lock import writer_lock
from newsetl.warehouse.migrate import migrate
from newsetl.warehouse.partitions import fail_unfinished_partitions
from newsetl.warehouse.runs import (
    RunCounts,
    RunRecord,
    finish_run,
    mark_interrupted_runs,
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


@contextmanager
def writer_session(warehouse: Path, run: RunRecord, lock_timeout_seconds: float,
                   after_close: Callable[[], object] | None = None,
                   memory_limit: str | None = None) -> Iterator[WriterSession]:
    """Open the warehouse as its only writer and record `run` from start to end.

    The run is closed `succeeded` when the block ends normally and `failed` (with the
    error) when it raises; the error is re-raised. `after_close`, when given, runs after a
    block that ended normally, once the connection is closed (the file then holds every
    committed row, no WAL) and before the lock is released: publishing copies the file
    there. An error it raises propagates; the run stays recorded `succeeded`. A
    `PartialFailure` from the block is recorded and re-raised after `after_close` ran.
    `memory_limit` is DuckDB's for the writer connection.
    """
    partial: PartialFailure | None = None
    with writer_lock(warehouse, f"{run.run_kind} run {run.run_id}", lock_timeout_seconds):
        connection = connect_writer(warehouse, memory_limit)
        try:
            migrate(connection)
            interrupted = mark_interrupted_runs(connection)
            if interrupted:
                log.warning("marked %d interrupted run(s) as failed", interrupted)
            unfinished = fail_unfinished_partitions(connection)
            if unfinished:
                log.warning("marked %d unfinished day(s) as failed", unfinished)
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
                session.seconds = finish_run(connection, run, session.counts)
        finally:
            closing = time.perf_counter()
            connection.close()  # checkpoints: the file then holds every committed row
            log.info("closed the warehouse in %.2f s", time.perf_counter() - closing)
        if after_close is not None:
            after_close()
        if partial is not None:
            raise partial
