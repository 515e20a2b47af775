"""DuckDB connections: the one place the warehouse file is opened."""

from __future__ import annotations

import importlib
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

log = logging.getLogger(__name__)

# Extensions come from their PyPI packages (built for the pinned DuckDB); nothing is
# downloaded at run time. Name -> (package, the extension's own name): DuckDB finds a
# loaded file's entry point from the file's name, and the sqlite and postgres packages ship
# `sqlite.duckdb_extension`/`postgres.duckdb_extension` for extensions that call themselves
# sqlite_scanner/postgres_scanner.
_EXTENSION_PACKAGES = {
    "fts": ("duckdb_extension_fts", "fts"),
    "ducklake": ("duckdb_extension_ducklake", "ducklake"),
    "sqlite": ("duckdb_extension_sqlite", "sqlite_scanner"),
    "postgres": ("duckdb_extension_postgres", "postgres_scanner"),
}


def extension_path(name: str) -> Path:
    """The `.duckdb_extension` file shipped inside the extension's PyPI package, under a
    file name DuckDB accepts (a symlink named for the extension where the package's file
    is named otherwise, kept in a per-user folder of the temporary directory)."""
    package_name, own_name = _EXTENSION_PACKAGES[name]
    package = importlib.import_module(package_name)
    package_dir = Path(package.__file__).parent
    found = sorted(package_dir.rglob(f"{name}.duckdb_extension"))
    if not found:
        raise FileNotFoundError(f"{name}.duckdb_extension not found in {package_dir}")
    if own_name == name:
        return found[0]
    return _named_link(found[0], own_name)


def _named_link(target: Path, own_name: str) -> Path:
    folder = (Path(tempfile.gettempdir()) / f"newsetl-duckdb-extensions-{os.getuid()}"
              / target.parent.name)
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / f"{own_name}.duckdb_extension"
    if not (link.is_symlink() and link.resolve() == target.resolve()):
        # Another process may do the same at once: link under a private name, then rename.
        partial = folder / f".{own_name}.{os.getpid()}"
        partial.unlink(missing_ok=True)
        partial.symlink_to(target)
        os.replace(partial, link)
    return link


def load_extension(connection: duckdb.DuckDBPyConnection, name: str) -> None:
    """Load a packaged extension into a connection (by path: no install, no download)."""
    path = extension_path(name).as_posix()
    # LOAD takes no bound parameters; the path is ours, from the installed package.
    escaped = path.replace("'", "''")
    connection.execute(f"load '{escaped}'")


def connect_writer(path: Path, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file for writing (the caller holds the writer lock).

    `memory_limit` (DuckDB's, e.g. "512MB") caps what DuckDB keeps in memory; unset, DuckDB
    caches up to 80% of RAM and its footprint grows with the warehouse.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    if memory_limit:
        config["memory_limit"] = memory_limit
    connection = duckdb.connect(str(path), config=config)
    connection.execute("set timezone = 'UTC'")
    return connection


def connect_memory() -> duckdb.DuckDBPyConnection:
    """An in-memory database with the same session settings as the writer (tests, rebuilds)."""
    connection = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False,
                                                    "autoload_known_extensions": False})
    connection.execute("set timezone = 'UTC'")
    return connection


@contextmanager
def transaction(connection: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Commit what the block wrote, or roll it all back if it raises.

    The error raised is the one that failed the block or the commit: a commit that failed
    (a full disk) has already ended the transaction, and the rollback's own complaint
    ("cannot rollback - no transaction is active") must not hide why.
    """
    connection.execute("begin transaction")
    try:
        yield
        connection.execute("commit")
    except BaseException:
        try:
            connection.execute("rollback")
        except duckdb.Error as rollback_error:
            log.debug("rollback after a failed transaction: %s", rollback_error)
        raise
