"""Integration fixtures: one real Prefect server for the session; per test, a warehouse, an
inbox and the NEWSETL_* environment a user would set."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.integration.prefect_server import PrefectServer
from tests.integration.service_data import write_inbox
from tests.integration.shared_service import (
    Service,
    drain_prefect_workers,
    prefect_settings,
    shared_server,
    shared_service,
    stop_all,
    stop_service,
)


@pytest.fixture(scope="session")
def real_prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    """`prefect server start` on 127.0.0.1 and a free port, for the whole session."""
    yield shared_server(tmp_path_factory.getbasetemp())
    stop_all()


@pytest.fixture(scope="module")
def newsetl_service(tmp_path_factory: pytest.TempPathFactory,
                    real_prefect_server: PrefectServer) -> Iterator[Service]:
    """`newsetl serve` against the session's server, the nightly deployment run once; stopped
    when the module ends."""
    yield shared_service(tmp_path_factory.getbasetemp())
    stop_service()


@pytest.fixture(scope="session")
def nightly_built(tmp_path_factory: pytest.TempPathFactory,
                  real_prefect_server: PrefectServer) -> Path:
    """A warehouse file the nightly flow built from the sample inbox, once per session (tests
    that start from a nightly build copy it instead of running the model again)."""
    from newsetl.flows.nightly import nightly

    folder = tmp_path_factory.mktemp("nightly_built")
    write_inbox(folder / "inbox")
    warehouse = folder / "warehouse" / "newsetl.duckdb"
    with pytest.MonkeyPatch.context() as monkeypatch, prefect_settings(real_prefect_server):
        monkeypatch.setenv("NEWSETL_NER_PROCESSES", "1")
        nightly(inbox=str(folder / "inbox"), warehouse=str(warehouse))
        drain_prefect_workers()
    return warehouse


@dataclass(frozen=True)
class Workspace:
    """Where one test's inbox and warehouse are, and the environment pointing at them."""

    inbox: Path
    warehouse: Path
    env: dict[str, str]
    nightly_built: Path

    def start_from_nightly_build(self) -> None:
        """Make the warehouse a copy of the session's nightly build of the same inbox."""
        self.warehouse.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.nightly_built, self.warehouse)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, real_prefect_server: PrefectServer,
              nightly_built: Path) -> Iterator[Workspace]:
    """An inbox of sample articles, a warehouse path, NEWSETL_* and Prefect settings set for
    flows run in this process, and the same as an environment for child processes."""
    inbox, warehouse = tmp_path / "inbox", tmp_path / "warehouse" / "newsetl.duckdb"
    write_inbox(inbox)
    settings = {"NEWSETL_INBOX": str(inbox), "NEWSETL_WAREHOUSE": str(warehouse),
                "NEWSETL_NER_PROCESSES": "1", "NEWSETL_WRITER_LOCK_TIMEOUT_SECONDS": "60"}
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    with prefect_settings(real_prefect_server):
        yield Workspace(inbox, warehouse, real_prefect_server.env(**settings), nightly_built)
        drain_prefect_workers()

