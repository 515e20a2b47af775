"""Real `newsetl run` processes for the scorecard: started with an environment, watched line by
line, and SIGKILLed (with their children) at the n-th line matching a log event; and the
warehouse compared with a reference table by table, ledger columns aside."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from tests.conftest import REPO, WIKINEWS_SLICE
from tests.integration.prefect_server import BIN

# Tables that log runs (one row per run, run × file, run × record, build attempt): a run
# killed and rerun has more of them by design; their columns are the ledger.
RUN_LOG_TABLES = ("etl_run", "etl_file", "etl_record", "etl_partition_history")
# Columns that say which run wrote a row, when, and what that run made of it, not what the
# warehouse holds (a file a killed run committed part of is `unchanged` to its rerun).
LEDGER_COLUMNS = ("run_id", "last_run_id", "last_outcome", "flow_run_id", "run_kind",
                  "build_reason", "started_at", "finished_at", "recorded_at", "quarantined_at",
                  "loaded_at", "applied_at", "error", "stored_copy")
# Task-run lines at DEBUG ("Executing task 'load_decided_batch' …") mark where each task
# starts; Prefect's own loggers stay at INFO.
EVENT_LOGGING = {"PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL": "DEBUG"}
RUN_SECONDS = 300.0


def write_small_inbox(inbox: Path) -> int:
    """Four files of real Wikinews articles (one JSON Lines file of two records, one with no
    text: a quarantined record); returns the records written."""
    inbox.mkdir(parents=True)
    articles = [json.loads(line) for line in
                WIKINEWS_SLICE.read_text(encoding="utf-8").splitlines()[:5]]
    fields = ("title", "date", "url", "source", "text")
    (inbox / "a.json").write_text(json.dumps({k: articles[0][k] for k in fields}))
    (inbox / "b.json").write_text(json.dumps({k: articles[1][k] for k in fields}))
    (inbox / "c.jsonl").write_text("".join(json.dumps({k: a[k] for k in fields}) + "\n"
                                           for a in articles[2:4]))
    (inbox / "d.json").write_text(json.dumps({k: articles[4][k] for k in fields}))
    return 5


@dataclass
class RunOutcome:
    """How one `newsetl run` ended: killed at its event, or exited with a code."""

    killed: bool
    exit_code: int | None
    seconds: float
    lines: list[str] = field(default_factory=list)
    event_seen: bool = False
    peak_rss_mib: float = 0.0  # of the `newsetl` process itself (its NER workers aside)

    def tail(self, count: int = 40) -> str:
        return "".join(self.lines[-count:])


def run_newsetl(env: dict[str, str], args: tuple[str, ...] = ("run",),
                kill_at: str | None = None, nth: int = 1,
                then: Callable[[], object] | None = None) -> RunOutcome:
    """`newsetl <args>`; with `kill_at`, SIGKILL it and its children the moment its output has
    shown `nth` lines matching that regular expression (or let it end if it never does).
    With `then`, call it at that moment instead of killing (the run goes on)."""
    pattern = re.compile(kill_at) if kill_at else None
    started = time.monotonic()
    process = subprocess.Popen([str(BIN / "newsetl"), *args], env=env, cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    lines: list[str] = []
    seen = threading.Event()

    def read() -> None:
        matches = 0
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if pattern is not None and pattern.search(line):
                matches += 1
                if matches == nth:
                    if then is None:
                        with contextlib.suppress(ProcessLookupError):  # it ended already
                            os.killpg(process.pid, signal.SIGKILL)  # at once, from here
                    else:
                        then()
                    seen.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    peak = PeakMemory(process.pid)
    try:
        process.wait(RUN_SECONDS)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
        peak.stop()
    reader.join(10)
    killed = seen.is_set() and then is None
    return RunOutcome(killed, None if killed else process.returncode,
                      time.monotonic() - started, lines, seen.is_set(), peak.mib)


class PeakMemory:
    """The peak resident memory of a running process (its `VmHWM`, read every 50 ms until
    it ends). Not `ru_maxrss`: for a child forked from a large test process, Linux keeps the
    parent's size at the fork in it."""

    def __init__(self, pid: int) -> None:
        self.mib = 0.0
        self._status = Path(f"/proc/{pid}/status")
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.wait(0.05):
            try:
                text = self._status.read_text()
            except OSError:
                return
            found = re.search(r"^VmHWM:\s+(\d+) kB", text, re.MULTILINE)
            if found:  # absent once the process is a zombie
                self.mib = max(self.mib, int(found.group(1)) / 1024)

    def stop(self) -> None:
        self._done.set()
        self._thread.join(5)


def snapshot(warehouse: Path) -> dict[str, str]:
    """table → sha256 of its rows in a fixed order, ledger columns and run-log tables aside."""
    hashes: dict[str, str] = {}
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        columns = connection.sql(
            "select table_name, list(column_name order by column_index) from duckdb_columns() "
            "where schema_name = 'main' and not internal "
            "and table_name in (select table_name from duckdb_tables()) "
            "group by table_name order by table_name").fetchall()
        for table, names in columns:
            if table in RUN_LOG_TABLES:
                continue
            kept = ", ".join(f'"{name}"' for name in names if name not in LEDGER_COLUMNS)
            digest = hashlib.sha256()
            for row in connection.sql(f"select {kept} from {table} order by all").fetchall():
                digest.update(repr(row).encode("utf-8"))
            hashes[table] = digest.hexdigest()
    return hashes


def differing_tables(warehouse: Path, reference: dict[str, str]) -> list[str]:
    """Tables whose content differs from the reference snapshot (or exist in one only)."""
    found = snapshot(warehouse)
    return sorted(table for table in found.keys() | reference.keys()
                  if found.get(table) != reference.get(table))


def day_statuses(warehouse: Path) -> dict[str, str]:
    """published_date → status of every etl_partition row."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return {str(day): status for day, status in connection.sql(
            "select published_date, status from etl_partition").fetchall()}
