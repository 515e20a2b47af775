"""Operations as code (issue 16): the flows' on_failure hook records the failure and
notifies through the Prefect block NEWSETL_NOTIFICATION_BLOCK; reading a batch has a task
timeout, so a read that hangs fails instead of stalling the run."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import duckdb
import pytest
from prefect import flow
from prefect.utilities.annotations import quote

from newsetl.flows.hooks import record_failure
from newsetl.flows.tasks import read_batch
from newsetl.settings import Settings
from newsetl.warehouse.backend import connect_reader, connect_warehouse
from newsetl.warehouse.runs import RunRecord, RunVersions
from newsetl.warehouse.session import writer_session

pytestmark = pytest.mark.usefixtures("prefect_api")


@pytest.fixture
def webhook() -> Iterator[list[dict[str, str]]]:
    """A local HTTP endpoint that keeps the JSON bodies posted to it."""
    received: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            received.append(json.loads(self.rfile.read(length)))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    received.append({"url": f"http://127.0.0.1:{server.server_port}/hook"})
    yield received
    server.shutdown()


def test_a_failed_nightly_notifies_through_the_configured_block(tmp_path, monkeypatch,
                                                                 webhook):
    from prefect.blocks.notifications import CustomWebhookNotificationBlock

    from newsetl.flows.nightly import nightly

    url = webhook.pop(0)["url"]
    CustomWebhookNotificationBlock(
        name="newsetl", url=url, json_data={"subject": "{{subject}}", "body": "{{body}}"},
    ).save("newsetl-test-alerts", overwrite=True)
    monkeypatch.setenv("NEWSETL_NOTIFICATION_BLOCK", "custom-webhook/newsetl-test-alerts")
    warehouse = tmp_path / "w.duckdb"
    with pytest.raises(FileNotFoundError):
        nightly(inbox=str(tmp_path / "no-inbox"), warehouse=str(warehouse))
    assert len(webhook) == 1
    assert webhook[0]["subject"].startswith("newsetl: nightly flow run nightly-")
    assert webhook[0]["subject"].endswith(" Failed")
    assert "is not a folder" in webhook[0]["body"]
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        assert connection.execute("select status from etl_run").fetchall() == [("failed",)]


@pytest.mark.parametrize("backend", ["duckdb", "ducklake"])
def test_the_hook_closes_a_run_its_dead_process_left_running(tmp_path, monkeypatch, backend):
    monkeypatch.setenv("NEWSETL_WAREHOUSE", str(tmp_path / "w.duckdb"))
    monkeypatch.setenv("NEWSETL_BACKEND", backend)
    target = Settings().warehouse_target
    run = RunRecord("run-1", "nightly", RunVersions("t", "m", "1", "r"), flow_run_id="fr-1")
    with writer_session(target, run, 5):
        pass
    with connect_warehouse(target) as connection:  # as a run killed mid-way leaves it
        connection.execute("update etl_run set status = 'running', error = null")
    assert record_failure(Settings(), "fr-1", "flow run Crashed: killed") == 1
    with connect_reader(target) as connection:
        assert connection.execute("select status, error from etl_run").fetchall() == [
            ("failed", "flow run Crashed: killed")]


def _hanging() -> Iterator[object]:
    time.sleep(60)  # as a read blocked on a dead network mount
    yield None


@flow
def _read_once(timeout_seconds: float) -> object:
    """What the nightly flow does for each batch."""
    return read_batch.with_options(timeout_seconds=timeout_seconds)(quote(_hanging()))


def test_a_read_that_hangs_fails_at_the_task_timeout():
    started = time.monotonic()
    with pytest.raises(TimeoutError, match=r"timed out after 2\.0 second"):
        _read_once(2)
    assert time.monotonic() - started < 30
