"""Open the warehouse on its backend: the DuckDB file, or a DuckLake catalog + Parquet files.

Every caller that reads or writes the warehouse opens it here, from a `WarehouseTarget`
(`Settings.warehouse_target`, or `Settings.analyst_target` for analysts), and gets a DuckDB
connection whose default database is the warehouse: the same SQL runs on both backends.

- `connect_warehouse(target, memory_limit)`: the writer's connection (the caller holds
  `writer_guard(target, …)`).
- `connect_reader(target, config, snapshot)`: a read-only connection; on a lake it may be
  pinned to a past snapshot (a version number or a time).
- `writer_guard(target, purpose, timeout)`: the one-writer rule for the target.
- `warehouse_exists(target)`: whether there is a warehouse to read yet.

A lake connection is an in-memory DuckDB with the `ducklake` extension (and `sqlite` or
`postgres` for the catalog) loaded from its PyPI package, the lake ATTACHed as `lake` and
made the default database (`use lake`). `attach_lake` does that for a connection opened
elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

from newsetl.settings import WarehouseTarget
from newsetl.warehouse.catalog_lock import catalog_writer_lock
from newsetl.warehouse.connection import connect_writer, load_extension
from newsetl.warehouse.lock import writer_lock

LAKE_NAME = "lake"
# A past state of a lake: a snapshot version (DuckLake's `snapshot_id`) or a time.
Snapshot = int | datetime
_BASE_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


class SnapshotUnsupportedError(ValueError):
    """A past snapshot was asked of a backend that keeps none (the DuckDB file)."""

    MESSAGE = ("past snapshots need the ducklake backend (NEWSETL_BACKEND=ducklake); the "
               "DuckDB file keeps only its current state")


def as_target(where: Path | WarehouseTarget) -> WarehouseTarget:
    """A target for `where`; a bare path is the DuckDB file backend."""
    return where if isinstance(where, WarehouseTarget) else WarehouseTarget(path=where)


def warehouse_exists(target: WarehouseTarget) -> bool:
    """Whether the warehouse has been created: the DuckDB file or the local catalog file
    exists (a PostgreSQL catalog is assumed to: attaching it tells)."""
    if not target.is_lake:
        return target.path.is_file()
    if target.catalog_kind == "postgres":
        return True
    return Path(target.catalog).is_file()


def connect_warehouse(target: WarehouseTarget | Path,
                      memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """The writer's connection to `target` (the caller holds `writer_guard`).

    `memory_limit` is DuckDB's (e.g. "512MB"). On a lake the catalog and the data folder
    are created when missing."""
    target = as_target(target)
    if not target.is_lake:
        return connect_writer(target.path, memory_limit)
    if target.catalog_kind != "postgres":
        Path(target.catalog).parent.mkdir(parents=True, exist_ok=True)
    if "://" not in target.data_path:
        Path(target.data_path).mkdir(parents=True, exist_ok=True)
    config = dict(_BASE_CONFIG)
    if memory_limit:
        config["memory_limit"] = memory_limit
    connection = duckdb.connect(":memory:", config=config)
    try:
        connection.execute("set timezone = 'UTC'")
        attach_lake(connection, target)
    except BaseException:
        connection.close()
        raise
    return connection


def connect_reader(target: WarehouseTarget | Path,
                   config: dict[str, str | bool | int | float | list[str]] | None = None,
                   snapshot: Snapshot | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to `target`, its `config` added to DuckDB's.

    On a lake: pinned to `snapshot` when given (else the latest committed one, fixed for
    each transaction), and allowed to read the data folder even after the caller
    disables external access (`readonly.connect_analyst` does). On the
    DuckDB file a snapshot raises `SnapshotUnsupportedError`."""
    target = as_target(target)
    settings = {**_BASE_CONFIG, **(config or {})}
    if not target.is_lake:
        if snapshot is not None:
            raise SnapshotUnsupportedError(SnapshotUnsupportedError.MESSAGE)
        connection = duckdb.connect(str(target.path), read_only=True, config=settings)
        locked = connection.execute("select current_setting('lock_configuration')").fetchone()
        if not (locked and locked[0]):  # else a session of this process set it and locked it
            connection.execute("set timezone = 'UTC'")
        return connection
    connection = duckdb.connect(":memory:", config=settings)
    try:
        connection.execute("set timezone = 'UTC'")
        _allow_lake_files(connection, target)
        attach_lake(connection, target, read_only=True, snapshot=snapshot)
    except BaseException:
        connection.close()
        raise
    return connection


def attach_lake(connection: duckdb.DuckDBPyConnection, target: WarehouseTarget,
                read_only: bool = False, snapshot: Snapshot | None = None) -> None:
    """LOAD the extensions `target` needs (from their PyPI packages), ATTACH the lake as
    `lake` (read-only and at `snapshot` when asked) and make it the default database."""
    load_extension(connection, "ducklake")
    if target.catalog_kind in ("sqlite", "postgres"):
        load_extension(connection, target.catalog_kind)
    options = [f"data_path {_literal(target.data_path)}"]
    if read_only:
        options.append("read_only")
    if isinstance(snapshot, datetime):
        options.append(f"snapshot_time {_literal(snapshot.isoformat())}")
    elif snapshot is not None:
        options.append(f"snapshot_version {int(snapshot)}")
    # ATTACH takes no bound parameters: the values are settings, quoted as literals.
    connection.execute(f"attach {_literal(lake_uri(target))} as {LAKE_NAME} "
                       f"({', '.join(options)})")
    connection.execute(f"use {LAKE_NAME}")


def lake_uri(target: WarehouseTarget) -> str:
    """The `ducklake:` URI ATTACH reads the catalog from."""
    if target.catalog_kind == "sqlite":
        return f"ducklake:sqlite:{target.catalog}"
    return f"ducklake:{target.catalog}"


def is_lake_connection(connection: duckdb.DuckDBPyConnection) -> bool:
    """Whether the connection's default database is a DuckLake catalog."""
    row = connection.execute("select type from duckdb_databases() "
                             "where database_name = current_database()").fetchone()
    return bool(row and row[0] == "ducklake")


@contextmanager
def writer_guard(target: WarehouseTarget | Path, purpose: str,
                 timeout_seconds: float) -> Iterator[None]:
    """The one-writer rule of `target`, held for the block.

    The DuckDB file and a lake with a local catalog file (DuckDB or SQLite) have one
    writer at a time: the OS lock of `warehouse/lock.py`, beside the file or the catalog.
    A PostgreSQL catalog may have writers on several machines: its policy is the seam
    `_postgres_catalog_guard`."""
    target = as_target(target)
    if not target.is_lake:
        anchor = target.path
    elif target.catalog_kind == "postgres":
        with _postgres_catalog_guard(target, purpose, timeout_seconds):
            yield
        return
    else:
        anchor = Path(target.catalog)
    with writer_lock(anchor, purpose, timeout_seconds):
        yield


@contextmanager
def _postgres_catalog_guard(target: WarehouseTarget, purpose: str,
                            timeout_seconds: float) -> Iterator[None]:
    """The writer policy of a PostgreSQL catalog: one writer session at a time across every
    machine, by an advisory lock in the catalog database (`warehouse/catalog_lock.py` says
    why; docs/operations.md "DuckLake with a PostgreSQL catalog")."""
    with catalog_writer_lock(target.catalog, purpose, timeout_seconds):
        yield


def _allow_lake_files(connection: duckdb.DuckDBPyConnection, target: WarehouseTarget) -> None:
    """Let a session that will disable external access still read the lake's data folder.
    The catalog needs no such leave: it is opened when the lake is attached, before (DuckDB
    then lets the session read that one file, as it lets it read an attached database file:
    nothing it could not query through the lake). SET takes no bound parameters, and this
    cannot be given before the database starts."""
    if "://" not in target.data_path:
        connection.execute(f"set allowed_directories = [{_literal(target.data_path)}]")


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
