"""NER through Dask (`NEWSETL_NER_EXECUTOR=dask`): the real model on a real LocalCluster of
two worker processes, the real nightly flow through prefect-dask's DaskTaskRunner.

The warehouse built through Dask must equal, row for row, the one the local pool builds from
the same inbox (ledger columns aside: run ids and timestamps), also when a worker process
is killed while it tags a chunk.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from newsetl.flows.nightly import nightly, nightly_flow
from newsetl.nlp.resident_model import loaded_models
from newsetl.settings import Settings
from tests.conftest import SEED_FILE, WIKINEWS_SAMPLE
from tests.warehouse_diff import differences

pytestmark = pytest.mark.slow(seconds=130)

def write_inbox(inbox: Path, copies: int) -> int:
    """The seed article and the 40 Wikinews samples, the latter `copies` times over (each
    copy a distinct article: its own id, URL and last sentence); returns the article count."""
    inbox.mkdir(parents=True)
    (inbox / SEED_FILE.name).write_bytes(SEED_FILE.read_bytes())
    records = [json.loads(line) for line in WIKINEWS_SAMPLE.read_text("utf-8").splitlines()]
    with (inbox / "wikinews.jsonl").open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for record in records:
                if copy:
                    record = {**record, "id": f"{record['id']}-{copy}",
                              "url": f"{record['url']}?copy={copy}",
                              "text": f"{record['text']}\n\nCopy {copy} of this story."}
                out.write(json.dumps(record) + "\n")
    return 1 + copies * len(records)


@pytest.fixture
def run_env(monkeypatch: pytest.MonkeyPatch, prefect_api: None) -> pytest.MonkeyPatch:
    monkeypatch.setenv("NEWSETL_NER_PROCESSES", "1")
    for name in ("NEWSETL_NER_EXECUTOR", "NEWSETL_DASK_ADDRESS", "NEWSETL_DASK_WORKERS",
                 "NEWSETL_DASK_CHUNK_ARTICLES", "NEWSETL_LOAD_BATCH_ARTICLES"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def run_locally(inbox: Path, warehouse: Path) -> dict[str, int]:
    return nightly(inbox=str(inbox), warehouse=str(warehouse)).counts


def run_on_dask(inbox: Path, warehouse: Path) -> dict[str, int]:
    settings = Settings()
    assert settings.ner_executor == "dask"
    return nightly_flow(settings)(inbox=str(inbox), warehouse=str(warehouse)).counts


def test_dask_builds_the_warehouse_the_local_pool_builds(tmp_path: Path,
                                                          run_env: pytest.MonkeyPatch) -> None:
    articles = write_inbox(tmp_path / "inbox", copies=1)
    local = run_locally(tmp_path / "inbox", tmp_path / "local.duckdb")
    # A LocalCluster of two worker processes started for the run, three chunks a batch.
    run_env.setenv("NEWSETL_NER_EXECUTOR", "dask")
    run_env.setenv("NEWSETL_DASK_WORKERS", "2")
    run_env.setenv("NEWSETL_DASK_CHUNK_ARTICLES", "15")
    on_dask = run_on_dask(tmp_path / "inbox", tmp_path / "dask.duckdb")
    assert local["articles_new"] == on_dask["articles_new"] == articles
    assert local["entity_mentions"] == on_dask["entity_mentions"] > 1000
    assert differences(tmp_path / "local.duckdb", tmp_path / "dask.duckdb") == {}


def worker_pid(cluster: LocalCluster, address: str) -> int:
    """The process id of the worker at `address` (its nanny's child)."""
    nanny = next(n for n in cluster.workers.values() if n.worker_address == address)
    return nanny.process.process.pid


def kill_a_worker_in_a_chunk(cluster: LocalCluster, client: Client,
                             killed: list[tuple[str, int, str]]) -> None:
    """SIGKILL the first worker seen tagging: its model already loaded (a chunk done) and
    the same `tag_chunk` task still running there 0.5 s apart."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        for address, keys in client.processing().items():
            chunks = [key for key in keys if str(key).startswith("tag_chunk")]
            if not chunks or client.run(loaded_models, workers=[address]).get(address) != 1:
                continue
            time.sleep(0.5)
            if chunks[0] in client.processing().get(address, []):
                pid = worker_pid(cluster, address)
                os.kill(pid, signal.SIGKILL)
                killed.append((address, pid, str(chunks[0])))
                return
        time.sleep(0.05)


def test_a_worker_killed_mid_chunk_costs_a_retry_never_a_row(
        tmp_path: Path, run_env: pytest.MonkeyPatch) -> None:
    articles = write_inbox(tmp_path / "inbox", copies=4)
    run_env.setenv("NEWSETL_LOAD_BATCH_ARTICLES", "80")
    run_locally(tmp_path / "inbox", tmp_path / "local.duckdb")
    with (LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                       dashboard_address=":0") as cluster,
          Client(cluster, set_as_default=False) as client):
        run_env.setenv("NEWSETL_NER_EXECUTOR", "dask")
        run_env.setenv("NEWSETL_DASK_ADDRESS", cluster.scheduler_address)
        run_env.setenv("NEWSETL_DASK_CHUNK_ARTICLES", "20")
        killed: list[tuple[str, int, str]] = []
        killer = threading.Thread(target=kill_a_worker_in_a_chunk,
                                  args=(cluster, client, killed), daemon=True)
        killer.start()
        counts = run_on_dask(tmp_path / "inbox", tmp_path / "dask.duckdb")
        killer.join(timeout=5)
        assert len(killed) == 1, "no worker was killed while it tagged a chunk"
        _, pid, _ = killed[0]
        # The nanny started a new worker process in place of the killed one.
        assert pid not in {n.process.process.pid for n in cluster.workers.values()
                           if n.process is not None and n.process.process is not None}
    assert counts["articles_new"] == articles
    assert differences(tmp_path / "local.duckdb", tmp_path / "dask.duckdb") == {}
