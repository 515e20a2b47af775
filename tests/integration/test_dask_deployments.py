"""Deployments on Dask (`NEWSETL_NER_EXECUTOR=dask`), each test against its own real Prefect
server and a real LocalCluster of two worker processes: `newsetl serve`'s nightly and
backfill runs, and prefect.yaml's nightly run by a process work pool's worker, build the
warehouse that the same flows build locally, row for row (ledger columns aside).

Their own servers: the session's shared one already has `newsetl serve` registered under
the same deployment names, and two processes running them would race for each other's runs.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from distributed import Client, LocalCluster

from newsetl.flows.backfill import backfill
from newsetl.flows.nightly import nightly
from newsetl.nlp.resident_model import loaded_models
from tests.conftest import REPO
from tests.integration.prefect_server import (
    BIN,
    PrefectServer,
    newsetl_serve,
    prefect_server,
    stop,
    wait_until,
)
from tests.integration.service_data import DAYS, SEED_DAY, write_inbox
from tests.integration.shared_service import (
    Service,
    _limit_attached,
    drain_prefect_workers,
    prefect_settings,
)
from tests.warehouse_diff import differences

pytestmark = pytest.mark.slow(seconds=260)
RUN_SECONDS = 300.0
RANGE = {"start_date": SEED_DAY, "end_date": DAYS[-1], "mode": "all"}


@pytest.fixture
def cluster() -> Iterator[tuple[LocalCluster, Client]]:
    with (LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                       dashboard_address=":0") as started,
          Client(started, set_as_default=False) as client):
        yield started, client


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PrefectServer]:
    with prefect_server(tmp_path / "prefect_home") as started:
        yield started


def build_locally(server: PrefectServer, inbox: Path, folder: Path,
                  monkeypatch: pytest.MonkeyPatch, backfill_too: bool = True,
                  ) -> tuple[Path, Path]:
    """What the local pool builds: after the nightly flow, and after a backfill of every day
    (each a copy of the warehouse at that point)."""
    after_nightly, after_backfill = folder / "nightly.duckdb", folder / "backfill.duckdb"
    warehouse = folder / "work" / "newsetl.duckdb"
    for name in ("NEWSETL_NER_EXECUTOR", "NEWSETL_DASK_ADDRESS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NEWSETL_NER_PROCESSES", "1")
    monkeypatch.setenv("NEWSETL_WAREHOUSE", str(warehouse))
    with prefect_settings(server):
        nightly(inbox=str(inbox), warehouse=str(warehouse))
        shutil.copyfile(warehouse, after_nightly)
        if backfill_too:
            assert backfill(**RANGE, return_state=True).is_completed()
            shutil.copyfile(warehouse, after_backfill)
        drain_prefect_workers()
    return after_nightly, after_backfill


def finished(service: Service, flow_run_id: UUID) -> Any:
    """The flow run once final: bounded by RUN_SECONDS, longer than the shared service's,
    since a run here starts a flow-run process, connects to Dask and loads models there."""
    with service.client() as client:
        def final() -> Any:
            run = client.read_flow_run(flow_run_id)
            return run if run.state.is_final() else None
        return wait_until(final, RUN_SECONDS, f"flow run {flow_run_id}", interval=0.5)


def tag_chunk_runs(service: Service, flow_run_id: UUID) -> list[str]:
    """The state of every `tag_chunk` task run of a flow run."""
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with service.client() as client:
        runs = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
    return [run.state.name for run in runs if run.name.startswith("tag_chunk")]


def dask_env(server: PrefectServer, inbox: Path, warehouse: Path, scheduler: str,
             **extra: str) -> dict[str, str]:
    """The environment of a process that runs the deployments' flow runs, tagging on Dask."""
    return server.env(
        NEWSETL_INBOX=str(inbox), NEWSETL_WAREHOUSE=str(warehouse), NEWSETL_NER_PROCESSES="1",
        NEWSETL_NER_EXECUTOR="dask", NEWSETL_DASK_ADDRESS=scheduler,
        NEWSETL_DASK_CHUNK_ARTICLES="2", PREFECT_RUNNER_POLL_FREQUENCY="1", **extra)


def test_served_nightly_and_backfill_tag_on_dask_and_build_the_local_warehouse(
        tmp_path: Path, server: PrefectServer, cluster: tuple[LocalCluster, Client],
        monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = tmp_path / "inbox"
    articles = sum(write_inbox(inbox).values())
    local_nightly, local_backfill = build_locally(server, inbox, tmp_path / "local",
                                                  monkeypatch)
    warehouse = tmp_path / "served" / "newsetl.duckdb"
    scheduler, dask = cluster[0].scheduler_address, cluster[1]
    env = dask_env(server, inbox, warehouse, scheduler)
    log = tmp_path / "serve.log"
    with newsetl_serve(env, log):
        service = Service(server, inbox, warehouse, env, log)
        with service.client() as client:
            wait_until(lambda: _limit_attached(client), 60, "newsetl serve to register")
        assert not any(dask.run(loaded_models).values())

        served = finished(service, service.start_run("nightly/nightly"))
        assert served.state.is_completed(), (served.state.message, log.read_text()[-3000:])
        # Tagged on the cluster: its workers hold the model, the chunks are task runs.
        assert any(dask.run(loaded_models).values())
        chunks = tag_chunk_runs(service, served.id)
        assert len(chunks) >= articles // 2
        assert set(chunks) == {"Completed"}
        assert differences(local_nightly, warehouse) == {}

        parameters = {**RANGE, "start_date": SEED_DAY.isoformat(),
                      "end_date": DAYS[-1].isoformat()}
        rebuilt = finished(service, service.start_run("backfill/backfill", parameters))
        assert rebuilt.state.is_completed(), (rebuilt.state.message, log.read_text()[-3000:])
        assert len(tag_chunk_runs(service, rebuilt.id)) >= len(DAYS) + 1
        assert differences(local_backfill, warehouse) == {}


def test_a_process_pool_worker_runs_the_prefect_yaml_nightly_on_dask(
        tmp_path: Path, server: PrefectServer, cluster: tuple[LocalCluster, Client],
        monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = tmp_path / "inbox"
    write_inbox(inbox)
    local_nightly, _ = build_locally(server, inbox, tmp_path / "local", monkeypatch,
                                     backfill_too=False)
    # prefect.yaml's pull step sets the runs' working folder to where `prefect deploy` ran:
    # a copy of it here keeps the repository clean.
    project = tmp_path / "project"
    project.mkdir()
    shutil.copyfile(REPO / "prefect.yaml", project / "prefect.yaml")
    warehouse = tmp_path / "pooled" / "newsetl.duckdb"
    env = dask_env(server, inbox, warehouse, cluster[0].scheduler_address,
                   PREFECT_WORKER_QUERY_SECONDS="1")
    for command in (["prefect", "work-pool", "create", "newsetl", "--type", "process"],
                    ["prefect", "--no-prompt", "deploy", "--all"], ["newsetl", "writer-limit"]):
        done = subprocess.run([BIN / command[0], *command[1:]], env=env, cwd=project,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-2000:])
    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        worker = subprocess.Popen([BIN / "prefect", "worker", "start", "--pool", "newsetl"],
                                  env=env, cwd=project, stdout=output,
                                  stderr=subprocess.STDOUT, start_new_session=True)
        try:
            service = Service(server, inbox, warehouse, env, log)
            pooled = finished(service, service.start_run("nightly/nightly"))
        finally:
            stop(worker)
    assert pooled.state.is_completed(), (pooled.state.message, log.read_text()[-3000:])
    assert set(tag_chunk_runs(service, pooled.id)) == {"Completed"}
    assert differences(local_nightly, warehouse) == {}
