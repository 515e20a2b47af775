"""Schema creation and migration from the `sql/` files, recorded in `schema_migration`.

Version 1 is the baseline: every `sql/tables/*.sql` file plus the calendar fill. Later
versions are `sql/migrations/NNNN_<what>.sql`, applied in order, each in its own transaction
with its version row. Macros and views are recreated at every start, so they always match
this code.
"""

from __future__ import annotations

import re

import duckdb

from newsetl import __version__
from newsetl.warehouse.connection import transaction
from newsetl.warehouse.sql_files import list_sql, read_sql

_MIGRATION_NAME = re.compile(r"migrations/(\d{4})_(\w+)\.sql$")
# Macros first: views and load statements may call them.
_VIEW_FOLDERS = ("macros", "views", "marts")


def _applied_version(connection: duckdb.DuckDBPyConnection) -> int:
    connection.execute(read_sql("tables/schema_migration.sql"))
    row = connection.execute("select coalesce(max(version), 0) from schema_migration").fetchone()
    return int(row[0]) if row else 0


def _apply(connection: duckdb.DuckDBPyConnection, version: int, name: str,
           statements: list[str]) -> None:
    with transaction(connection):
        for statement in statements:
            connection.execute(statement)
        connection.execute(
            "insert into schema_migration (version, name, newsetl_version) values (?, ?, ?)",
            [version, name, __version__],
        )


def pending_migrations() -> list[tuple[int, str, list[str]]]:
    """All migrations this code knows: (version, name, the SQL texts to run)."""
    baseline = [read_sql(path) for path in list_sql("tables")] + [read_sql("seeds/dim_date.sql")]
    found = [(1, "baseline", baseline)]
    for path in list_sql("migrations"):
        match = _MIGRATION_NAME.search(path)
        if match is None:
            raise ValueError(f"migration file name must be NNNN_<what>.sql: {path}")
        found.append((int(match.group(1)), match.group(2), [read_sql(path)]))
    versions = [version for version, _, _ in found]
    if versions != sorted(set(versions)) or versions[0] != 1:
        raise ValueError(f"migration versions must be unique and start after 1: {versions}")
    return found


def migrate(connection: duckdb.DuckDBPyConnection) -> int:
    """Bring the schema up to date; returns the schema version now in force."""
    current = _applied_version(connection)
    for version, name, statements in pending_migrations():
        if version > current:
            _apply(connection, version, name, statements)
            current = version
    for folder in _VIEW_FOLDERS:
        for path in list_sql(folder):
            connection.execute(read_sql(path))
    return current
