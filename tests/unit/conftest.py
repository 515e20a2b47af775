"""Fixtures shared by the unit tests."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from newsetl.warehouse.connection import connect_memory
from newsetl.warehouse.migrate import migrate


@pytest.fixture
def warehouse() -> Iterator[duckdb.DuckDBPyConnection]:
    """An empty in-memory warehouse at the latest schema version (a module that needs rows
    in it defines its own `warehouse`)."""
    connection = connect_memory()
    migrate(connection)
    yield connection
    connection.close()
