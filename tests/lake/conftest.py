"""Fixtures of the PostgreSQL-catalog tests: one throwaway PostgreSQL cluster per test session
(per xdist worker: each starts its own, on its own port and folder), a new database per test."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from tests.lake.postgres_server import PostgresServer, postgres_server

_DATABASE_NUMBERS = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL cluster on 127.0.0.1 for the session; missing binaries fail the tests."""
    with postgres_server() as server:
        yield server


@pytest.fixture
def postgres_catalog(postgres: PostgresServer) -> str:
    """`NEWSETL_DUCKLAKE_CATALOG` of a new, empty catalog database for one test."""
    name = f"lake_{next(_DATABASE_NUMBERS)}"
    postgres.create_database(name)
    return postgres.ducklake_catalog(name)
