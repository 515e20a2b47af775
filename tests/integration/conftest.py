"""Integration fixtures: one real Prefect server for the session; per test, a warehouse, an
inbox and the NEWSETL_* environment a user would set."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.integration.prefect_server import PrefectServer, prefect_server
from tests.integration.service_data import write_inbox


@pytest.fixture(scope="session")
def real_prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    """`prefect server start` on 127.0.0.1 and a free port, for the whole session."""
    with prefect_server(tmp_path_factory.mktemp("prefect_home")) as server:
        yield server


@dataclass(frozen=True)
class Workspace:
    """Where one test's inbox and warehouse are, and the environment pointing at them."""

    inbox: Path
    warehouse: Path
    env: dict[str, str]


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
              real_prefect_server: PrefectServer) -> Iterator[Workspace]:
    """An inbox of sample articles, a warehouse path, NEWSETL_* and Prefect settings set for
    flows run in this process, and the same as an environment for child processes."""
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_HOME,
        PREFECT_LOCAL_STORAGE_PATH,
        temporary_settings,
    )

    inbox, warehouse = tmp_path / "inbox", tmp_path / "warehouse" / "newsetl.duckdb"
    write_inbox(inbox)
    settings = {"NEWSETL_INBOX": str(inbox), "NEWSETL_WAREHOUSE": str(warehouse),
                "NEWSETL_NER_PROCESSES": "1", "NEWSETL_WRITER_LOCK_TIMEOUT_SECONDS": "60"}
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    home = real_prefect_server.home
    with temporary_settings({PREFECT_API_URL: real_prefect_server.api_url, PREFECT_HOME: home,
                             PREFECT_LOCAL_STORAGE_PATH: home / "storage"}):
        yield Workspace(inbox, warehouse, real_prefect_server.env(**settings))
        _drain_prefect_workers()


def _drain_prefect_workers() -> None:
    """Send the logs and events this test's flows queued while the server still listens
    (as `prefect_test_harness` does), so none is retried against a stopped server at exit."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    with contextlib.suppress(RuntimeError):  # the worker never started
        APILogWorker.instance().drain()
    EventsWorker.drain_all()
