"""Operations as code (issue 16): the zombie-run automation `newsetl serve` applies, and a
Prefect server started on loopback with `PREFECT_SERVER_API_AUTH_STRING` refusing requests
that do not carry it."""

from __future__ import annotations

import httpx
import pytest

from newsetl.flows.automation_files import apply_automation, zombie_automation
from tests.integration.prefect_server import (
    SERVER_START_SECONDS,
    PrefectServer,
    free_port,
    wait_until,
)
from tests.integration.shared_service import prefect_settings

pytestmark = pytest.mark.slow(seconds=170)


def test_the_zombie_automation_is_applied_once_with_three_heartbeats(
        real_prefect_server: PrefectServer) -> None:
    from prefect import get_client

    with prefect_settings(real_prefect_server):
        apply_automation(zombie_automation(60))
        apply_automation(zombie_automation(45))  # a restart of serve replaces it
        with get_client(sync_client=True) as client:
            found = client.read_automations_by_name("newsetl-crash-zombie-runs")
    assert len(found) == 1
    trigger = found[0].trigger
    assert trigger.within.total_seconds() == 135
    assert trigger.after == {"prefect.flow-run.heartbeat"}
    assert [action.type for action in found[0].actions] == ["change-flow-run-state"]


def test_a_server_with_an_auth_string_refuses_requests_without_it(tmp_path) -> None:
    from tests.integration.prefect_server import prefect_server

    # GET /health and /ready answer without the secret, by design (liveness probes): the
    # server's start is awaited on /health.
    with prefect_server(tmp_path / "prefect",
                        PREFECT_SERVER_API_AUTH_STRING="admin:s3cret-for-the-test") as server:
        url = server.api_url
        assert httpx.get(f"{url}/flows/00000000-0000-0000-0000-000000000000",
                         timeout=10).status_code == 401
        assert httpx.post(f"{url}/flows/filter", json={}, timeout=10).status_code == 401
        wrong = httpx.post(f"{url}/flows/filter", json={}, auth=("admin", "guess"),
                           timeout=10)
        assert wrong.status_code == 401
        allowed = httpx.post(f"{url}/flows/filter", json={},
                             auth=("admin", "s3cret-for-the-test"), timeout=10)
        assert allowed.status_code == 200


def test_servers_bind_to_loopback_by_default() -> None:
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import get_current_settings

    # `prefect server start` without --host (PREFECT_SERVER_API_HOST unset)
    assert get_current_settings().server.api.host == "127.0.0.1"
    # The temporary server Prefect starts for `newsetl run` without PREFECT_API_URL. On a port
    # of its own: SubprocessASGIServer() is one instance per port, and the one without a port
    # may be the test harness's shared server, which stopping here would kill.
    server = SubprocessASGIServer(port=free_port())
    try:
        server.start(timeout=SERVER_START_SECONDS)
        assert server.api_url.startswith("http://127.0.0.1:")
        assert "127.0.0.1" in server.server_process.args  # type: ignore[union-attr]
    finally:
        server.stop()


def test_a_run_whose_serving_process_dies_is_marked_crashed(tmp_path) -> None:
    """The zombie-run automation `newsetl serve` applies, end to end: a served nightly run
    is Running (waiting for the writer lock this test holds) when `newsetl serve` and its
    flow-run process are SIGKILLed; with heartbeats every 30 s (the least Prefect allows) the
    automation marks it Crashed about 90 s after the last one."""
    import os
    import signal
    import time

    from prefect import get_client

    from newsetl.warehouse.lock import writer_lock
    from tests.integration.prefect_server import newsetl_serve, prefect_server
    from tests.integration.service_data import write_inbox

    inbox, warehouse = tmp_path / "inbox", tmp_path / "warehouse" / "newsetl.duckdb"
    write_inbox(inbox)
    with prefect_server(tmp_path / "prefect") as server:
        env = server.env(NEWSETL_INBOX=str(inbox), NEWSETL_WAREHOUSE=str(warehouse),
                         NEWSETL_NER_PROCESSES="1", NEWSETL_HEARTBEAT_SECONDS="30")
        with (writer_lock(warehouse, "test: hold the warehouse", 5),
              newsetl_serve(env, tmp_path / "serve.log") as serving,
              prefect_settings(server), get_client(sync_client=True) as client):
            deployment = wait_until(lambda: _deployment(client, "nightly/nightly"), 180,
                                    "the nightly deployment")
            flow_run = client.create_flow_run_from_deployment(deployment.id)
            wait_until(lambda: client.read_flow_run(flow_run.id).state.name == "Running",
                       180, "the nightly run running")
            time.sleep(5)  # its first heartbeat is sent as it starts
            os.killpg(serving.pid, signal.SIGKILL)
            killed = time.monotonic()
            state = wait_until(lambda: (lambda s: s if s.is_final() else None)(
                client.read_flow_run(flow_run.id).state), 300, "the zombie run marked")
            print(f"zombie run marked {state.name} {time.monotonic() - killed:.0f} s after "
                  "its serving process was killed")
    assert state.name == "Crashed"
    assert "no heartbeat" in (state.message or "")


def _deployment(client, name):
    from prefect.exceptions import ObjectNotFound

    try:
        return client.read_deployment_by_name(name)
    except ObjectNotFound:
        return None
