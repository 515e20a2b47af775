"""Publishing: a consistent read-only copy of the warehouse for analysts, as a file copy.

Everything readers need beyond the star (the search terms, the co-occurrence aggregate) is
kept up to date by the writer in each batch's transaction (see `load.py`), so publishing is
only a copy of the writer's file: called after the writer's connection is closed (so the
file holds every committed row and there is no WAL) and while the writer lock is still
held (so nothing writes it meanwhile). The copy goes to a temporary name beside the
published file, is fsynced and renamed over the published name, and the directory is
fsynced. Analysts' open sessions keep the old file (its inode lives on while they hold it);
new sessions see the new one. The writer never waits for a reader, nor a reader for the
writer.

Where the filesystem can share extents between files (Linux's `FICLONE`: XFS, Btrfs) the
copy is a reflink: no data is copied, and the next run's writes to the writer
file copy only the blocks they change, so publishing costs what a run changed, not the
warehouse's size. Elsewhere (ext4, tmpfs) it is one sequential byte copy of the file
(`shutil.copyfile`: `sendfile` on Linux), which grows with the warehouse.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from newsetl.warehouse.connection import transaction
from newsetl.warehouse.sql_files import read_sql

log = logging.getLogger(__name__)

# linux/fs.h: FICLONE = _IOW(0x94, 9, int), "make the target share the source's extents".
_FICLONE = 0x40049409


class PublishError(RuntimeError):
    """The writer's file cannot be published as it is; the published file is unchanged."""


@dataclass(frozen=True)
class PublishResult:
    """Where the copy went, how big it is, how it was copied and how long each step took."""

    path: Path
    size_bytes: int
    seconds: float
    step_seconds: dict[str, float] = field(default_factory=dict)
    method: str = "copy"  # "reflink" (extents shared, no data copied) or "copy" (bytes)


def refresh_aggregates(connection: duckdb.DuckDBPyConnection) -> None:
    """Recompute the `agg_*` tables from the facts, in one transaction.

    The load keeps them up to date batch by batch; this from-scratch fill is for warehouses
    written around the load (test fixtures, benchmarks' synthetic rows) and for checks that
    the incremental upkeep equals a full recompute. It costs seconds at 50,000 articles.
    """
    with transaction(connection):
        connection.execute("delete from agg_entity_cooccurrence")
        connection.execute(read_sql("publish/refresh_agg_entity_cooccurrence.sql"))


def publish(warehouse_path: Path, published_path: Path) -> PublishResult:
    """Copy the closed writer file `warehouse_path` over `published_path`, atomically.

    Call after the writer's connection is closed, holding the writer lock. Refuses (with
    `PublishError`) when a WAL lies beside the writer file: its last transactions would be
    missing from the copy. On any error the published file is left as it was and the
    partial copy is removed.
    """
    started = time.perf_counter()
    steps: dict[str, float] = {}
    wal = warehouse_path.with_name(warehouse_path.name + ".wal")
    if wal.exists():
        raise PublishError(f"{wal} exists: the writer's connection is still open or did not "
                           "close cleanly; refusing to publish a copy without it")
    if not warehouse_path.is_file():
        raise PublishError(f"no warehouse file at {warehouse_path}")
    published_path.parent.mkdir(parents=True, exist_ok=True)
    partial = published_path.with_name(f".{published_path.name}.publishing")
    partial.unlink(missing_ok=True)
    try:
        method = _timed(steps, "copy", _clone_or_copy, warehouse_path, partial)
        _timed(steps, "mark", _mark_published, partial)
        _timed(steps, "fsync", _fsync, partial)
        _timed(steps, "rename", _replace, partial, published_path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return PublishResult(published_path, published_path.stat().st_size,
                         time.perf_counter() - started, steps, str(method))


def _mark_published(copy: Path) -> None:
    """In the copy, the run being published (`publishing` in the writer's file until the
    copy is in place) is `succeeded`: nobody can read the copy before it is published. The
    copy is checkpointed and closed again, with no WAL left."""
    connection = duckdb.connect(str(copy), config={"autoinstall_known_extensions": False,
                                                   "autoload_known_extensions": False})
    try:
        if connection.execute("select count(*) from information_schema.tables "
                              "where table_name = 'etl_run'").fetchone() != (0,):
            connection.execute(read_sql("load/mark_publishing_runs_published.sql"))
        connection.execute("checkpoint")
    finally:
        connection.close()
    wal = copy.with_name(copy.name + ".wal")
    if wal.exists():
        raise PublishError(f"{wal} is left after marking the copy published")


def reflink(source: Path, target: Path) -> bool:
    """Make `target` a reflink of `source` (sharing its extents) if the filesystem can;
    False (with `target` created empty) where it cannot: another filesystem, or one
    without shared extents (ext4, tmpfs) or without the call (not Linux)."""
    with open(source, "rb") as source_file, open(target, "wb") as target_file:
        try:
            fcntl.ioctl(target_file.fileno(), _FICLONE, source_file.fileno())
        except OSError as error:
            log.debug("no reflink from %s to %s: %s", source, target, error)
            return False
    return True


def _clone_or_copy(source: Path, target: Path) -> str:
    if reflink(source, target):
        return "reflink"
    shutil.copyfile(source, target)
    return "copy"


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _replace(partial: Path, published_path: Path) -> None:
    os.replace(partial, published_path)
    _fsync(published_path.parent)  # the rename itself survives a crash


def _timed(steps: dict[str, float], name: str, function: Callable[..., object],
           *args: object) -> object:
    began = time.perf_counter()
    result = function(*args)
    steps[name] = time.perf_counter() - began
    return result
