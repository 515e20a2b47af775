"""Publishing: a consistent read-only copy of the warehouse for analysts.

After a committed run the writer copies its database into a new file beside the published
one (`ATTACH`, `COPY FROM DATABASE`), builds what only readers need there (the BM25 index,
the co-occurrence aggregate), detaches it, fsyncs it and renames it over the published name.
Analysts' open sessions keep the old file (its inode lives on while they hold it); new
sessions see the new one. The writer never waits for a reader, nor a reader for the writer.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from newsetl.warehouse.search_index import build_search_index
from newsetl.warehouse.sql_files import read_sql

_COPY = "newsetl_publishing"  # the catalog name of the copy while it is built


@dataclass(frozen=True)
class PublishResult:
    """Where the copy went, how big it is and how long each step took."""

    path: Path
    size_bytes: int
    articles: int
    seconds: float
    step_seconds: dict[str, float] = field(default_factory=dict)


def refresh_aggregates(connection: duckdb.DuckDBPyConnection) -> None:
    """Refill the `agg_*` tables the marts read, in the connection's current database."""
    connection.execute("begin transaction")
    try:
        connection.execute("delete from agg_entity_cooccurrence")
        connection.execute(read_sql("publish/refresh_agg_entity_cooccurrence.sql"))
        connection.execute("commit")
    except Exception:
        connection.execute("rollback")
        raise


def publish(writer: duckdb.DuckDBPyConnection, published_path: Path) -> PublishResult:
    """Publish the writer's committed data to `published_path`, atomically.

    Call with no transaction open, after the run committed. On any error the published
    file is left as it was and the partial copy is removed.
    """
    started = time.perf_counter()
    steps: dict[str, float] = {}
    published_path.parent.mkdir(parents=True, exist_ok=True)
    partial = published_path.with_name(f".{published_path.name}.publishing")
    _remove(partial)
    source = _one(writer, "select current_database()")
    try:
        _timed(steps, "copy", _copy, writer, source, partial)
        _timed(steps, "search_index", _in_copy, writer, source, build_search_index)
        _timed(steps, "aggregates", _in_copy, writer, source, refresh_aggregates)
        articles = int(_one(writer, f"select count(*) from {_COPY}.dim_article"))
        _timed(steps, "detach", writer.execute, f"detach {_COPY}")
        _timed(steps, "fsync_rename", _replace, partial, published_path)
    except BaseException:
        _detach_quietly(writer)
        _remove(partial)
        raise
    return PublishResult(published_path, published_path.stat().st_size, articles,
                         time.perf_counter() - started, steps)


def _copy(writer: duckdb.DuckDBPyConnection, source: str, partial: Path) -> None:
    # ATTACH takes no bound parameters: the path is ours; quotes are doubled.
    target = partial.as_posix().replace("'", "''")
    writer.execute(f"attach '{target}' as {_COPY}")
    writer.execute(f'copy from database "{_quoted(source)}" to {_COPY}')


def _in_copy(writer: duckdb.DuckDBPyConnection, source: str,
             step: Callable[[duckdb.DuckDBPyConnection], None]) -> None:
    writer.execute(f"use {_COPY}")
    try:
        step(writer)
    finally:
        writer.execute(f'use "{_quoted(source)}"')


def _replace(partial: Path, published_path: Path) -> None:
    wal = partial.with_name(partial.name + ".wal")
    if wal.exists():
        raise RuntimeError(f"the copy left a WAL behind ({wal}); refusing to publish it")
    descriptor = os.open(partial, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.replace(partial, published_path)
    directory = os.open(published_path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _timed(steps: dict[str, float], name: str, function: Callable[..., object],
           *args: object) -> None:
    began = time.perf_counter()
    function(*args)
    steps[name] = time.perf_counter() - began


def _one(connection: duckdb.DuckDBPyConnection, sql: str) -> object:
    row = connection.execute(sql).fetchone()
    return row[0] if row else None


def _quoted(identifier: object) -> str:
    return str(identifier).replace('"', '""')


def _detach_quietly(writer: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.Error):
        writer.execute(f"detach database if exists {_COPY}")


def _remove(partial: Path) -> None:
    for leftover in (partial, partial.with_name(partial.name + ".wal")):
        leftover.unlink(missing_ok=True)
