"""Fixtures of the PostgreSQL-catalog tests: one throwaway PostgreSQL cluster per test session
(per xdist worker: each starts its own, on its own port and folder), a new database per test,
and a Prefect server for `newsetl` processes."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsetl.settings import WarehouseTarget
from tests.integration.prefect_server import PrefectServer
from tests.integration.service_data import write_inbox
from tests.integration.shared_service import shared_server, stop_all
from tests.lake.lake_runs import Lake
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


@pytest.fixture(scope="session")
def prefect_server_for_runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    """`prefect server start` on loopback for the session, for `newsetl` processes."""
    yield shared_server(tmp_path_factory.getbasetemp())
    stop_all()


@pytest.fixture
def lake(tmp_path: Path, postgres_catalog: str,
         prefect_server_for_runs: PrefectServer) -> Lake:
    """An inbox of Wikinews articles on three days (and the seed article), a new lake with
    its catalog in PostgreSQL, and the NEWSETL_* environment of `newsetl` processes."""
    inbox, warehouse = tmp_path / "inbox", tmp_path / "warehouse" / "newsetl.duckdb"
    write_inbox(inbox)
    settings = {"NEWSETL_INBOX": str(inbox), "NEWSETL_WAREHOUSE": str(warehouse),
                "NEWSETL_BACKEND": "ducklake", "NEWSETL_DUCKLAKE_CATALOG": postgres_catalog,
                "NEWSETL_DUCKLAKE_DATA_PATH": str(tmp_path / "lake"),
                "NEWSETL_NER_PROCESSES": "1", "NEWSETL_WRITER_LOCK_TIMEOUT_SECONDS": "300"}
    target = WarehouseTarget(path=warehouse, backend="ducklake", catalog=postgres_catalog,
                             data_path=str(tmp_path / "lake"))
    return Lake(target, inbox, prefect_server_for_runs.env(**settings))
