"""Served deployments on Dask (`NEWSETL_NER_EXECUTOR=dask`): `newsetl serve` against its own
real Prefect server, its nightly and backfill runs tagging on a real LocalCluster of two
worker processes, build the warehouse that the same flows build locally, row for row
(ledger columns aside).

Its own server: the session's shared one already has `newsetl serve` registered under the
same deployment names, and two serving processes would race for each other's runs.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from distributed import Client, LocalCluster

from newsetl.flows.backfill import backfill
from newsetl.flows.nightly import nightly
from newsetl.nlp.resident_model import loaded_models
from tests.integration.conftest import _drain_prefect_workers
from tests.integration.prefect_server import (
    PrefectServer,
    newsetl_serve,
    prefect_server,
    wait_until,
)
from tests.integration.service_data import DAYS, SEED_DAY, write_inbox
from tests.integration.shared_service import Service, _limit_attached, prefect_settings
from tests.warehouse_diff import differences

pytestmark = pytest.mark.slow
RANGE = {"start_date": SEED_DAY, "end_date": DAYS[-1], "mode": "all"}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PrefectServer]:
    with prefect_server(tmp_path / "prefect_home") as started:
        yield started


def build_locally(server: PrefectServer, inbox: Path, folder: Path,
                  monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """What the local pool builds: after the nightly flow, and after a backfill of every day."""
    after_nightly, after_backfill = folder / "nightly.duckdb", folder / "backfill.duckdb"
    warehouse = folder / "work" / "newsetl.duckdb"
    for name in ("NEWSETL_NER_EXECUTOR", "NEWSETL_DASK_ADDRESS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NEWSETL_NER_PROCESSES", "1")
    monkeypatch.setenv("NEWSETL_WAREHOUSE", str(warehouse))
    with prefect_settings(server):
        nightly(inbox=str(inbox), warehouse=str(warehouse))
        shutil.copyfile(warehouse, after_nightly)
        assert backfill(**RANGE, return_state=True).is_completed()
        shutil.copyfile(warehouse, after_backfill)
        _drain_prefect_workers()
    return after_nightly, after_backfill


def tag_chunk_runs(service: Service, flow_run_id: UUID) -> list[str]:
    """The state of every `tag_chunk` task run of a flow run."""
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with service.client() as client:
        runs = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
    return [run.state.name for run in runs if run.name.startswith("tag_chunk")]


def test_served_nightly_and_backfill_tag_on_dask_and_build_the_local_warehouse(
        tmp_path: Path, server: PrefectServer, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = tmp_path / "inbox"
    articles = sum(write_inbox(inbox).values())
    local_nightly, local_backfill = build_locally(server, inbox, tmp_path / "local",
                                                  monkeypatch)
    warehouse = tmp_path / "served" / "newsetl.duckdb"
    with (LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                       dashboard_address=":0") as cluster,
          Client(cluster, set_as_default=False) as dask):
        env = server.env(
            NEWSETL_INBOX=str(inbox), NEWSETL_WAREHOUSE=str(warehouse),
            NEWSETL_NER_PROCESSES="1", NEWSETL_NER_EXECUTOR="dask",
            NEWSETL_DASK_ADDRESS=cluster.scheduler_address, NEWSETL_DASK_CHUNK_ARTICLES="2",
            PREFECT_RUNNER_POLL_FREQUENCY="1")
        log = tmp_path / "serve.log"
        with newsetl_serve(env, log):
            service = Service(server, inbox, warehouse, env, log)
            with service.client() as client:
                wait_until(lambda: _limit_attached(client), 60, "newsetl serve to register")
            assert not any(dask.run(loaded_models).values())

            served = service.wait(service.start_run("nightly/nightly"))
            assert served.state.is_completed(), (served.state.message, log.read_text()[-3000:])
            # Tagged on the cluster: its workers hold the model, the chunks are task runs.
            assert any(dask.run(loaded_models).values())
            chunks = tag_chunk_runs(service, served.id)
            assert len(chunks) >= articles // 2
            assert set(chunks) == {"Completed"}
            assert differences(local_nightly, warehouse) == {}

            parameters = {**RANGE, "start_date": SEED_DAY.isoformat(),
                          "end_date": DAYS[-1].isoformat()}
            rebuilt = service.wait(service.start_run("backfill/backfill", parameters))
            assert rebuilt.state.is_completed(), (rebuilt.state.message,
                                                  log.read_text()[-3000:])
            assert len(tag_chunk_runs(service, rebuilt.id)) >= len(DAYS) + 1
            assert differences(local_backfill, warehouse) == {}
