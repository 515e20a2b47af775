"""Promise: one writer at a time, and analysts never block it. Ten pairs of writers started
together take turns (no overlap, no write lost or doubled); a nightly run and a backfill
started together take turns while analysts query the published copy through `newsetl sql`
in a loop: no query fails, no write is blocked, no row is doubled."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from newsetl.cli import app
from tests.conftest import REPO, WIKINEWS_SLICE
from tests.integration.prefect_server import PrefectServer
from tests.integration.service_data import rows
from tests.scorecard.runs import run_newsetl, write_small_inbox
from tests.scorecard.scorecard import record, soak

pytestmark = pytest.mark.slow(seconds=85)
PAIRS = 10
HOLD_SECONDS = 0.05
# Checks that would see a doubled row: a key or identity present twice.
DUPLICATES = {
    "dim_article": "select count(*) - count(distinct article_id) from dim_article",
    "raw_article": "select count(*) - count(distinct (article_id, content_hash)) "
                   "from raw_article",
    "fct_entity_mention": "select count(*) - count(distinct (article_key, start_char, "
                          "end_char)) from fct_entity_mention",
    "fct_article_entity": "select count(*) - count(distinct (article_key, entity_key)) "
                          "from fct_article_entity",
    "etl_file_state": "select count(*) - count(distinct file_path) from etl_file_state",
}


def _probe(warehouse: Path, log: Path) -> subprocess.Popen[bytes]:
    """A real writer session (lock, connection, migrations, run record, a read-modify-write):
    `tests.integration.writer_probe`."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.integration.writer_probe", str(warehouse), str(log),
         str(HOLD_SECONDS)], cwd=REPO, stderr=subprocess.PIPE)


def _pairs(tmp_path: Path, pairs: int) -> dict[str, object]:
    warehouse, log = tmp_path / "probe.duckdb", tmp_path / "writers.log"
    failed = 0
    for _ in range(pairs):
        started = [_probe(warehouse, log), _probe(warehouse, log)]
        for writer in started:
            _, _error = writer.communicate(timeout=120)
            failed += writer.returncode != 0
    events = sorted((int(ns), kind, int(pid)) for kind, pid, ns in
                    (line.split() for line in log.read_text(encoding="utf-8").splitlines()))
    overlaps = sum(1 for (_, enter, holder), (_, leave, leaver)
                   in zip(events[::2], events[1::2], strict=True)
                   if (enter, leave, holder) != ("enter", "exit", leaver))
    counts = [count for (count,) in rows(warehouse, "select articles from "
                                         "etl_partition_history where run_kind = 'probe'")]
    return {"writers failed": failed, "overlaps": overlaps,
            "writes": len(counts), "expected": 2 * pairs,
            "doubled": len(counts) - len(set(counts)),
            "lost": len(set(range(1, 2 * pairs + 1)) - set(counts))}


def _analysts(warehouse: Path, stop: threading.Event) -> dict[str, object]:
    """`newsetl sql` on the published copy, again and again until `stop`."""
    runner = CliRunner()
    answered, failed, counts, slowest = 0, [], set(), 0.0
    while not stop.is_set():
        began = time.monotonic()
        result = runner.invoke(app, ["sql", "--warehouse", str(warehouse), "--format", "csv",
                                     "select count(*) from dim_article"])
        slowest = max(slowest, time.monotonic() - began)
        if result.exit_code == 0:
            answered += 1
            counts.add(int(result.output.splitlines()[1]))
        else:
            failed.append(result.output.strip()[:120])
    return {"answered": answered, "failed": failed, "counts": sorted(counts),
            "slowest": slowest}


def test_writers_take_turns_and_analysts_never_block_them(
        real_prefect_server: PrefectServer, tmp_path: Path) -> None:
    pair_count = PAIRS * (5 if soak() else 1)
    pairs = _pairs(tmp_path, pair_count)

    inbox, warehouse = tmp_path / "inbox", tmp_path / "warehouse" / "newsetl.duckdb"
    write_small_inbox(inbox)
    env = real_prefect_server.env(NEWSETL_INBOX=str(inbox), NEWSETL_WAREHOUSE=str(warehouse),
                     NEWSETL_NER_PROCESSES="1", NEWSETL_WRITER_LOCK_TIMEOUT_SECONDS="300")
    first = run_newsetl(env)
    assert first.exit_code == 0, first.tail()
    article = json.loads(WIKINEWS_SLICE.read_text(encoding="utf-8").splitlines()[5])
    (inbox / "more.json").write_text(json.dumps(article))  # new for the nightly run

    stop = threading.Event()
    with ThreadPoolExecutor(3) as pool:
        analysts = pool.submit(_analysts, warehouse, stop)
        time.sleep(0.5)  # the analysts are querying before the writers start
        nightly = pool.submit(run_newsetl, env)
        backfill = pool.submit(run_newsetl, env,
                               ("backfill", "2004-11-13", "2005-03-27", "--mode", "all"))
        outcomes = {"nightly": nightly.result(), "backfill": backfill.result()}
        stop.set()
        analyst = analysts.result()

    for name, outcome in outcomes.items():
        assert outcome.exit_code == 0, (name, outcome.tail())
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        runs = connection.sql("select run_kind from etl_run where status = 'succeeded' "
                              "order by started_at").fetchall()
        (articles,) = connection.sql("select count(*) from dim_article").fetchone()  # type: ignore[misc]
        doubled = {table: connection.sql(sql).fetchone()[0]  # type: ignore[index]
                   for table, sql in DUPLICATES.items()}
    # The pair took turns on the writer lock: one of them says it waited for the other.
    waited = [name for name, outcome in outcomes.items()
              if any("waiting up to" in line for line in outcome.lines)]
    blocked = [name for name, outcome in outcomes.items()
               if any("Could not set lock" in line for line in outcome.lines)]
    figures = {"writer pairs": pair_count, **pairs,
               "run+backfill": f"{len(runs)} runs, {'one waited' if waited else 'no wait'}",
               "analyst queries": analyst["answered"], "failed": len(analyst["failed"]),
               "slowest query s": round(float(analyst["slowest"]), 2),  # type: ignore[arg-type]
               "blocked writes": len(blocked), "doubled rows": sum(doubled.values())}
    passed = (pairs["writers failed"] == pairs["overlaps"] == pairs["doubled"]
              == pairs["lost"] == 0 and not analyst["failed"]
              and not blocked and sum(doubled.values()) == 0 and len(runs) == 3)
    record("concurrency", passed, figures)
    assert pairs == {"writers failed": 0, "overlaps": 0, "writes": 2 * pair_count,
                     "expected": 2 * pair_count, "doubled": 0, "lost": 0}
    assert sorted(kind for (kind,) in runs) == ["backfill", "nightly", "nightly"]
    assert len(runs) == 3
    assert analyst["failed"] == []
    assert int(analyst["answered"]) > 0
    assert analyst["counts"][-1] == articles == 5  # type: ignore[index]  # the new one seen
    assert blocked == []
    assert doubled == dict.fromkeys(DUPLICATES, 0)
