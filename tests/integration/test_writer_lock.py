"""One writer at a time, with real processes: two writers started together take turns (ten
times over), a writer that waits too long fails naming the holder, and a killed holder
releases the warehouse at once."""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsetl.warehouse.lock import WriterBusyError, writer_lock
from tests.conftest import REPO
from tests.integration import writer_probe
from tests.integration.prefect_server import wait_until
from tests.integration.service_data import rows

RACES = 10


def _writer(warehouse: Path, log: Path, hold_seconds: float) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.integration.writer_probe", str(warehouse), str(log),
         str(hold_seconds)], cwd=REPO, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def writers() -> multiprocessing.context.ForkServerContext:
    """Real writer processes, forked from a server that imported newsetl once (a fresh
    interpreter per writer would spend a second on imports)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.integration.writer_probe"])
    return context


def _events(log: Path) -> list[tuple[int, str, int]]:
    """(time ns, enter | exit, pid) in time order."""
    found = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    return sorted((int(ns), kind, int(pid)) for kind, pid, ns in found)


def test_two_writers_started_together_never_write_at_once(
        tmp_path: Path, writers: multiprocessing.context.ForkServerContext) -> None:
    warehouse, log = tmp_path / "newsetl.duckdb", tmp_path / "writers.log"
    for _ in range(RACES):
        pair = [writers.Process(target=writer_probe.main, args=(warehouse, log, 0.05))
                for _ in range(2)]
        for writer in pair:
            writer.start()
        for writer in pair:
            writer.join(60)
            assert writer.exitcode == 0

    events = _events(log)
    assert len(events) == 4 * RACES
    for (_, enter, holder), (_, leave, leaver) in zip(events[::2], events[1::2], strict=True):
        assert (enter, leave, holder) == ("enter", "exit", leaver)  # nobody entered between
    # Each writer read how many writes came before it and wrote one more: no two read the
    # same count, so no write was duplicated or lost.
    counts = rows(warehouse, "select articles from etl_partition_history "
                  "where run_kind = 'probe' order by articles")
    assert [count for (count,) in counts] == list(range(1, 2 * RACES + 1))
    assert rows(warehouse, "select status, count(*) from etl_run group by status") == [
        ("succeeded", 2 * RACES)]


def test_a_waiting_writer_fails_naming_the_holder_and_a_killed_holder_frees_it(
        tmp_path: Path) -> None:
    warehouse, log = tmp_path / "newsetl.duckdb", tmp_path / "writers.log"
    holder = _writer(warehouse, log, 30)
    try:
        wait_until(lambda: log.is_file() and "enter" in log.read_text(), 30, "the first writer")
        started = time.monotonic()
        busy = rf"being written by pid {holder.pid} on .* \(probe run "
        with (pytest.raises(WriterBusyError, match=busy),
              writer_lock(warehouse, "second writer", timeout_seconds=1)):
            pass
        assert 1 <= time.monotonic() - started < 3

        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(10)
        started = time.monotonic()
        with writer_lock(warehouse, "second writer", timeout_seconds=5):
            assert time.monotonic() - started < 0.5  # released the instant its holder died
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(10)
