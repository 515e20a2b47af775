"""A run killed mid-way (SIGKILL, no chance to clean up) leaves nothing stuck: the next
run marks the run and its unfinished days failed, and `failed` mode rebuilds those days."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from newsetl.flows.backfill import backfill
from newsetl.flows.nightly import nightly
from tests.conftest import REPO, WIKINEWS_SAMPLE
from tests.integration.conftest import Workspace
from tests.integration.prefect_server import BIN, wait_until
from tests.integration.service_data import DAYS, execute, partitions, rows

pytestmark = pytest.mark.slow(seconds=110)
INTERRUPTED = "interrupted: the process ended before"


class Output:
    """A child's stdout and stderr, collected line by line as it runs."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        assert process.stdout is not None
        self._thread = threading.Thread(target=self._read, args=(process.stdout,), daemon=True)
        self._thread.start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines.append(line)

    def has(self, text: str) -> bool:
        return any(text in line for line in self.lines)


def _kill_when(command: list[str], env: dict[str, str], marker: str) -> None:
    """Run `command`; SIGKILL it (and its children) 0.3 s after `marker` appears."""
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    output = Output(process)
    try:
        wait_until(lambda: output.has(marker) or process.poll() is not None, 90, marker)
        assert process.poll() is None, "".join(output.lines[-30:])
        time.sleep(0.3)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def test_a_killed_backfill_leaves_its_day_failed_for_failed_mode(workspace: Workspace) -> None:
    workspace.start_from_nightly_build()
    # The middle day's articles get long, so the backfill is still tagging them when killed.
    middle_day = "article_id in (select article_id from dim_article where published_date = ?)"
    execute(workspace.warehouse, "create table kept_text as select article_id, text "
            f"from raw_article where {middle_day}", [DAYS[1]])
    execute(workspace.warehouse, "update raw_article set text = repeat(text || ' ', 25) "
            f"where {middle_day}", [DAYS[1]])

    _kill_when([str(BIN / "newsetl"), "backfill", str(DAYS[0]), str(DAYS[-1]), "--mode", "all"],
               workspace.env, f"day {DAYS[1]}: rebuilding")
    execute(workspace.warehouse, "update raw_article set text = kept.text from kept_text as kept "
            "where raw_article.article_id = kept.article_id")  # quicker to tag again
    execute(workspace.warehouse, "drop table kept_text")

    planned = backfill(start_date=DAYS[0], end_date=DAYS[-1], mode="failed", dry_run=True)
    assert [(d.published_date, d.reason[:40]) for d in planned.days] == [
        (DAYS[1], f"last build failed: {INTERRUPTED}"[:40])]
    rebuilt = backfill(start_date=DAYS[0], end_date=DAYS[-1], mode="failed")

    assert [(d.published_date, d.status) for d in rebuilt.days] == [(DAYS[1], "succeeded")]
    killed = rows(workspace.warehouse, "select run_id, status, error from etl_run "
                  "where run_kind = 'backfill' order by started_at limit 1")
    assert killed[0][1:] == ("failed", "interrupted: the process ended before the run finished")
    history = rows(workspace.warehouse, "select status, run_id, error from etl_partition_history "
                   "where published_date = ? and run_kind = 'backfill' order by recorded_at",
                   [DAYS[1]])
    assert [(status, run_id) for status, run_id, _ in history] == [
        ("failed", killed[0][0]), ("succeeded", *rebuilt.run_ids)]
    assert history[0][2].startswith(INTERRUPTED)
    days = partitions(workspace.warehouse)
    assert [days[day] for day in DAYS] == [
        ("succeeded", "backfill", 2),  # committed before the kill
        ("succeeded", "backfill", 2),
        ("succeeded", "nightly", 2),  # never reached
    ]


def test_a_killed_nightly_s_committed_days_are_reconciled_by_the_next_run(
        workspace: Workspace, tmp_path: Path) -> None:
    # One file per article, two articles per load batch; the third batch is slow to tag.
    inbox = tmp_path / "one_file_each"
    inbox.mkdir()
    lines = WIKINEWS_SAMPLE.read_text(encoding="utf-8").splitlines()[10:16]
    for number, line in enumerate(lines):
        record = json.loads(line) | {"date": DAYS[number // 2].isoformat()}
        if number == 4:
            record["text"] = " ".join([record["text"]] * 100)
        (inbox / f"{number:02d}.json").write_text(json.dumps(record), encoding="utf-8")
    env = workspace.env | {"NEWSETL_INBOX": str(inbox), "NEWSETL_LOAD_BATCH_ARTICLES": "2"}

    _kill_when([str(BIN / "newsetl"), "run"], env, "Task run 'load_decided_batch-")

    # The marker follows the first batch's commit; whether the second batch (quick to tag)
    # also committed in the next 0.3 s depends on the machine, so read what did.
    committed = {day for (day,) in rows(workspace.warehouse,
                                        "select distinct published_date from dim_article")}
    assert DAYS[0] in committed
    assert len(committed) < len(DAYS)
    assert partitions(workspace.warehouse) == {}  # nothing recorded by the killed run
    # Issue 16: the killed run's counts are what it committed, batch by batch.
    assert rows(workspace.warehouse, "select files_loaded, articles_new from etl_run") == [
        (2 * len(committed), 2 * len(committed))]

    summary = nightly(inbox=str(inbox), warehouse=str(workspace.warehouse))
    assert summary.counts["articles_new"] == 2 * (len(DAYS) - len(committed))
    # Issue 16: the days the killed run committed are complete once this run read the
    # rest; they are recorded succeeded, not left failed.
    assert partitions(workspace.warehouse) == {day: ("succeeded", "nightly", 2)
                                               for day in DAYS}
    history = rows(workspace.warehouse, "select published_date, status from "
                   "etl_partition_history order by published_date, finished_at")
    assert [status for day, status in history if day in committed] == [
        "failed", "succeeded"] * len(committed)
    assert rows(workspace.warehouse, "select status, count(*) from etl_run where run_kind = "
                "'nightly' group by status order by status") == [("failed", 1), ("succeeded", 1)]

    planned = backfill(start_date=DAYS[0], end_date=DAYS[-1], mode="failed", dry_run=True)
    assert planned.days == []


def test_a_nightly_killed_inside_a_split_file_reads_it_whole_again(
        workspace: Workspace, tmp_path: Path) -> None:
    # One file of six articles at two per batch: three parts; the last part is slow to tag.
    inbox = tmp_path / "one_file"
    inbox.mkdir()
    lines = WIKINEWS_SAMPLE.read_text(encoding="utf-8").splitlines()[10:16]
    records = [json.loads(line) | {"date": DAYS[0].isoformat()} for line in lines]
    records[5]["text"] = " ".join([records[5]["text"]] * 100)
    (inbox / "all.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records),
                                     encoding="utf-8")
    env = workspace.env | {"NEWSETL_INBOX": str(inbox), "NEWSETL_LOAD_BATCH_ARTICLES": "2"}

    _kill_when([str(BIN / "newsetl"), "run"], env, "Task run 'load_decided_batch-")

    loaded = rows(workspace.warehouse, "select count(*) from dim_article")[0][0]
    assert 2 <= loaded < len(records)  # the first part committed, the last did not
    assert rows(workspace.warehouse, "select count(*) from etl_file_state") == [(0,)]
    summary = nightly(inbox=str(inbox), warehouse=str(workspace.warehouse))
    assert (summary.counts["files_loaded"], summary.counts["articles_unchanged"],
            summary.counts["articles_new"], summary.counts["articles_retired"]) == (
        1, loaded, len(records) - loaded, 0)
    assert rows(workspace.warehouse, "select count(*) from dim_article") == [(len(records),)]
    assert rows(workspace.warehouse, "select count(*) from etl_file_state") == [(1,)]
