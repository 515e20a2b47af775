"""Faults a user meets at the command line (issue 16): an orchestrator that accepts
connections but never answers (defect 2) and a full disk (defect 3). Each ends within a
minute in one line with the first cause and exit 1; tracebacks go to the log file only."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, environment_without_newsetl_settings
from tests.small_disk import small_tmpfs

pytestmark = pytest.mark.slow
NEWSETL = [str(Path(sys.executable).with_name("newsetl"))]


@pytest.fixture
def silent_api() -> Iterator[str]:
    """A real socket on 127.0.0.1 that accepts every connection and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/api"
    stop.set()
    thread.join(5)
    for connection in held:
        connection.close()
    listener.close()


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = environment_without_newsetl_settings()
    env.update({"NEWSETL_NER_PROCESSES": "1", "NEWSETL_WAREHOUSE": str(tmp_path / "w.duckdb"),
                "NEWSETL_INBOX": str(tmp_path / "inbox"), **extra})
    return env


@pytest.mark.parametrize("command", [["run"], ["backfill", "2024-01-01", "2024-01-02"],
                                     ["serve"]])
def test_an_api_that_never_answers_fails_within_a_minute(tmp_path, silent_api, command):
    (tmp_path / "inbox").mkdir()
    env = _env(tmp_path, PREFECT_API_URL=silent_api, NEWSETL_API_CHECK_TIMEOUT_SECONDS="5")
    started = time.monotonic()
    done = subprocess.run([*NEWSETL, *command], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=180)
    seconds = time.monotonic() - started
    print(f"newsetl {command[0]} against a silent API: exit {done.returncode} in "
          f"{seconds:.1f} s")
    assert done.returncode == 1, done.stderr
    assert seconds < 60
    assert f"the Prefect API at {silent_api} did not answer within 5 s" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_full_disk_shows_its_first_cause_in_one_line(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(REPO / "samples" / "inbox", inbox)
    log_file = tmp_path / "logs" / "newsetl.log"
    with small_tmpfs(tmp_path / "disk", "1200k") as disk:
        warehouse = disk / "w.duckdb"
        env = _env(tmp_path, NEWSETL_LOG_FILE=str(log_file))
        done = subprocess.run([*NEWSETL, "run", "--inbox", str(inbox), "--warehouse",
                               str(warehouse)], env=env, cwd=tmp_path, capture_output=True,
                              text=True, timeout=600)
    # One failure line; Prefect's own log lines (its temporary server stopping at exit)
    # may follow it, never a traceback.
    failures = [line for line in done.stderr.splitlines()
                if line.startswith("newsetl: run failed: ")]
    print(failures)
    assert done.returncode == 1, done.stderr
    assert len(failures) == 1, done.stderr
    last = failures[0]
    assert "No space left on device" in last
    assert str(disk) in last
    assert "Traceback" not in done.stderr
    assert "cannot rollback" not in done.stderr
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged
    assert "No space left on device" in logged
