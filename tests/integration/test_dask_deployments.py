"""Deployments on Dask (`NEWSETL_NER_EXECUTOR=dask`), against a real Prefect server and a real
LocalCluster of two worker processes: `newsetl serve`'s nightly and backfill runs, and
prefect.yaml's nightly run by a process work pool's worker, build the warehouse that the
same flows build locally, row for row (ledger columns aside).

The module's tests share one server, one cluster and one local build (each costs seconds
of CPU to start or make), and run one after the other: `newsetl serve` has stopped when
`prefect deploy` turns the same deployment names over to the work pool. The server is not
the session's shared one, on which another module's `newsetl serve` may hold those names.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
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


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[LocalCluster, Client]]:
    with (LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                       dashboard_address=":0") as started,
          Client(started, set_as_default=False) as client):
        yield started, client


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    with prefect_server(tmp_path_factory.mktemp("dask_prefect") / "prefect_home") as started:
        yield started


@dataclass(frozen=True)
class LocalBuild:
    """The module's inbox and what the local pool builds from it: the warehouse after the
    nightly flow, and after a backfill of every day (each a copy at that point)."""

    inbox: Path
    articles: int
    after_nightly: Path
    after_backfill: Path


@pytest.fixture(scope="module")
def local_build(tmp_path_factory: pytest.TempPathFactory,
                server: PrefectServer) -> LocalBuild:
    folder = tmp_path_factory.mktemp("dask_local")
    inbox = folder / "inbox"
    articles = sum(write_inbox(inbox).values())
    after_nightly, after_backfill = folder / "nightly.duckdb", folder / "backfill.duckdb"
    warehouse = folder / "work" / "newsetl.duckdb"
    with pytest.MonkeyPatch.context() as monkeypatch, prefect_settings(server):
        for name in ("NEWSETL_NER_EXECUTOR", "NEWSETL_DASK_ADDRESS"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("NEWSETL_NER_PROCESSES", "1")
        monkeypatch.setenv("NEWSETL_WAREHOUSE", str(warehouse))
        nightly(inbox=str(inbox), warehouse=str(warehouse))
        shutil.copyfile(warehouse, after_nightly)
        assert backfill(**RANGE, return_state=True).is_completed()
        shutil.copyfile(warehouse, after_backfill)
        drain_prefect_workers()
    return LocalBuild(inbox, articles, after_nightly, after_backfill)


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
        local_build: LocalBuild) -> None:
    inbox = local_build.inbox
    warehouse = tmp_path / "served" / "newsetl.duckdb"
    scheduler, dask = cluster[0].scheduler_address, cluster[1]
    env = dask_env(server, inbox, warehouse, scheduler)
    log = tmp_path / "serve.log"
    with newsetl_serve(env, log):
        service = Service(server, inbox, warehouse, env, log)
        with service.client() as client:
            wait_until(lambda: _limit_attached(client), 60, "newsetl serve to register")
        # The module's first test (file order): no run has used the shared cluster yet.
        assert not any(dask.run(loaded_models).values())

        served = finished(service, service.start_run("nightly/nightly"))
        assert served.state.is_completed(), (served.state.message, log.read_text()[-3000:])
        # Tagged on the cluster: its workers hold the model, the chunks are task runs (the
        # local build tagged in this process, never on the cluster).
        assert any(dask.run(loaded_models).values())
        chunks = tag_chunk_runs(service, served.id)
        assert len(chunks) >= local_build.articles // 2
        assert set(chunks) == {"Completed"}
        assert differences(local_build.after_nightly, warehouse) == {}

        parameters = {**RANGE, "start_date": SEED_DAY.isoformat(),
                      "end_date": DAYS[-1].isoformat()}
        rebuilt = finished(service, service.start_run("backfill/backfill", parameters))
        assert rebuilt.state.is_completed(), (rebuilt.state.message, log.read_text()[-3000:])
        assert len(tag_chunk_runs(service, rebuilt.id)) >= len(DAYS) + 1
        assert differences(local_build.after_backfill, warehouse) == {}


def test_a_process_pool_worker_runs_the_prefect_yaml_nightly_on_dask(
        tmp_path: Path, server: PrefectServer, cluster: tuple[LocalCluster, Client],
        local_build: LocalBuild) -> None:
    inbox = local_build.inbox
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
    assert differences(local_build.after_nightly, warehouse) == {}
