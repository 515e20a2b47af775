"""One Prefect server per test session, shared by the integration, browser and flow tests, and
`newsetl serve` on it with a warehouse the nightly deployment has built, one at a time (a
second server or serving process would cost seconds and register the same deployment names
twice). A module that uses the service stops it when it ends: idle, it polls the server
every second (4 CPU s a minute between the two), and the session lasts half an hour."""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from tests.integration.prefect_server import (
    PrefectServer,
    newsetl_serve,
    prefect_server,
    wait_until,
)
from tests.integration.service_data import write_inbox

_STACK = contextlib.ExitStack()
_SERVICE_STACK = contextlib.ExitStack()
_SERVICE_STARTS = itertools.count(1)
_STARTED: dict[str, Any] = {}
RUN_SECONDS = 120.0


@dataclass(frozen=True)
class Service:
    """`newsetl serve` running against the shared server, and what it writes to."""

    server: PrefectServer
    inbox: Path
    warehouse: Path
    env: dict[str, str]
    log: Path
    first_nightly: UUID | None = None  # the nightly run the service was started with

    @contextlib.contextmanager
    def client(self) -> Iterator[Any]:
        """A synchronous Prefect client of the server."""
        with prefect_settings(self.server), _client() as client:
            yield client

    def deployment_id(self, name: str) -> UUID:
        with self.client() as client:
            return client.read_deployment_by_name(name).id

    def flow_run_ids(self, name: str) -> set[UUID]:
        """Every flow run of a deployment so far."""
        from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

        with self.client() as client:
            deployment = DeploymentFilter(id=DeploymentFilterId(any_=[self.deployment_id(name)]))
            return {run.id for run in client.read_flow_runs(deployment_filter=deployment)}

    def start_run(self, name: str, parameters: dict[str, Any] | None = None) -> UUID:
        """Create a flow run of a deployment, as the UI's Run button does."""
        with self.client() as client:
            run = client.create_flow_run_from_deployment(self.deployment_id(name),
                                                         parameters=parameters or {})
        return run.id

    def wait(self, flow_run_id: UUID) -> Any:
        """The flow run once final (bounded)."""
        return self.wait_all([flow_run_id])[0]

    def wait_all(self, flow_run_ids: list[UUID], seen: set[str] | None = None) -> list[Any]:
        """The flow runs once all are final (bounded); `seen` collects every state name
        one of them was seen in."""
        with self.client() as client:
            def final() -> list[Any] | None:
                runs = [client.read_flow_run(flow_run_id) for flow_run_id in flow_run_ids]
                if seen is not None:
                    seen.update(run.state.name for run in runs)
                return runs if all(run.state.is_final() for run in runs) else None
            return wait_until(final, RUN_SECONDS * len(flow_run_ids),
                              f"flow runs {flow_run_ids}", interval=0.2)


@contextlib.contextmanager
def prefect_settings(server: PrefectServer) -> Iterator[None]:
    """This process's Prefect settings pointed at `server` (and its result storage)."""
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_HOME,
        PREFECT_LOCAL_STORAGE_PATH,
        temporary_settings,
    )

    with temporary_settings({PREFECT_API_URL: server.api_url, PREFECT_HOME: server.home,
                             PREFECT_LOCAL_STORAGE_PATH: server.home / "storage"}):
        yield


def _client() -> Any:
    from prefect import get_client

    return get_client(sync_client=True)


def shared_server(root: Path) -> PrefectServer:
    """The session's Prefect server, started by the first caller."""
    if "server" not in _STARTED:
        _STARTED["server"] = _STACK.enter_context(prefect_server(root / "prefect_home"))
    return _STARTED["server"]


def shared_service(root: Path) -> Service:
    """The running `newsetl serve`, its nightly deployment run once, started by the first
    caller after the last `stop_service()` (each start in a new folder)."""
    if "service" not in _STARTED:
        server = shared_server(root)
        folder = root / f"service{next(_SERVICE_STARTS)}"
        inbox, warehouse = folder / "inbox", folder / "warehouse" / "newsetl.duckdb"
        write_inbox(inbox)
        env = server.env(
            NEWSETL_INBOX=str(inbox), NEWSETL_WAREHOUSE=str(warehouse),
            NEWSETL_NER_PROCESSES="1", NEWSETL_SCHEDULE_TIMEZONE="Europe/Berlin",
            NEWSETL_WRITER_LOCK_TIMEOUT_SECONDS="120", PREFECT_RUNNER_POLL_FREQUENCY="1")
        log = folder / "serve.log"
        _STARTED["serving"] = _SERVICE_STACK.enter_context(newsetl_serve(env, log))
        service = Service(server, inbox, warehouse, env, log)
        with service.client() as client:
            wait_until(lambda: _limit_attached(client), 60, "newsetl serve to register")
        nightly = service.wait(service.start_run("nightly/nightly"))
        assert nightly.state.is_completed(), (nightly.state.message, log.read_text()[-3000:])
        _STARTED["service"] = dataclasses.replace(service, first_nightly=nightly.id)
    return _STARTED["service"]


def _limit_attached(client: Any) -> bool:
    from prefect.exceptions import ObjectNotFound

    try:
        deployments = [client.read_deployment_by_name(name)
                       for name in ("nightly/nightly", "backfill/backfill")]
    except ObjectNotFound:
        return False
    return all(deployment.global_concurrency_limit for deployment in deployments)


def stop_service() -> None:
    """Stop `newsetl serve` if it runs (the server stays); safe to call twice. The flow-run
    processes it started end first: a run that reported Completed may still be exiting, and
    a runner stopped then marks it Cancelled."""
    serving = _STARTED.pop("serving", None)
    if serving is not None and serving.poll() is None:
        wait_until(lambda: not _children(serving.pid), 60, "the served runs' processes to end")
    _SERVICE_STACK.close()
    _STARTED.pop("service", None)


def _children(pid: int) -> list[str]:
    """The process ids of `pid`'s children (none once it has ended)."""
    children: list[str] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += (task / "children").read_text().split()
        except OSError:
            continue
    return children


def stop_all() -> None:
    """Stop what was started (serving first, then the server); safe to call twice."""
    stop_service()
    _STACK.close()
    _STARTED.clear()


def drain_prefect_workers() -> None:
    """Send the logs and events this process's flows queued while the server still listens
    (as `prefect_test_harness` does), so none is retried against a stopped server at exit."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    with contextlib.suppress(RuntimeError):  # the worker never started
        APILogWorker.instance().drain()
    EventsWorker.drain_all()
