"""The writer lock of a PostgreSQL catalog, against a real PostgreSQL: writers in separate
processes take turns, a writer that waits too long fails naming the holder, a killed holder
frees the lock at once, and the server's idle-in-transaction timeout does not end it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsetl.warehouse.backend import connect_reader
from newsetl.warehouse.catalog_lock import (
    catalog_writer_lock,
    postgres_conninfo,
    writer_application_name,
)
from newsetl.warehouse.lock import WriterBusyError
from tests.conftest import REPO
from tests.lake.lake_writer_probe import lake_target
from tests.lake.postgres_server import PostgresServer

ROUNDS = 3


def _holder(catalog: str, purpose: str, hold_seconds: float, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "tests.lake.lock_holder", catalog, purpose,
                             str(hold_seconds), str(log)], cwd=REPO, stderr=subprocess.PIPE)


def _wait_for(predicate: object, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {seconds} s")
        time.sleep(0.05)


def _events(log: Path) -> list[tuple[int, str, int]]:
    found = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    return sorted((int(ns), kind, int(pid)) for kind, pid, ns in found)


def test_the_catalog_setting_gives_the_connection_string() -> None:
    assert postgres_conninfo("postgres:dbname=news host=10.0.0.5 user=etl") == (
        "dbname=news host=10.0.0.5 user=etl")
    with pytest.raises(ValueError, match="not a PostgreSQL catalog"):
        postgres_conninfo("data/newsetl.ducklake.sqlite")


def test_the_lock_session_is_named_for_the_writer_within_postgres_limits() -> None:
    name = writer_application_name("backfill run 0f6c… of 2024-03-01..2024-03-31 " * 3)
    assert name.startswith("newsetl ")
    assert f"pid {os.getpid()}: backfill run 0f6c?" in name
    assert len(name.encode()) <= 63
    assert name.isascii()


def test_writers_in_separate_processes_take_turns(postgres_catalog: str, tmp_path: Path) -> None:
    log = tmp_path / "writers.log"
    for _ in range(ROUNDS):
        pair = [_holder(postgres_catalog, "probe", 0.3, log) for _ in range(2)]
        for writer in pair:
            assert writer.wait(60) == 0, writer.stderr.read() if writer.stderr else ""
    events = _events(log)
    assert len(events) == 4 * ROUNDS
    for (_, enter, holder), (_, leave, leaver) in zip(events[::2], events[1::2], strict=True):
        assert (enter, leave, holder) == ("enter", "exit", leaver)  # nobody entered between


def test_a_waiting_writer_fails_naming_the_holder_and_a_killed_holder_frees_it(
        postgres_catalog: str, tmp_path: Path) -> None:
    log = tmp_path / "writers.log"
    holder = _holder(postgres_catalog, "nightly run 42", 120, log)
    try:
        _wait_for(lambda: log.is_file() and "enter" in log.read_text(), 30, "the first writer")
        started = time.monotonic()
        busy = rf"pid {holder.pid}: nightly run 42 \(from 127\.0\.0\.1.*waited 1 s"
        with pytest.raises(WriterBusyError, match=busy), catalog_writer_lock(
                postgres_catalog, "backfill", timeout_seconds=1, poll_seconds=0.05):
            pass
        assert 1 <= time.monotonic() - started < 10
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(30)
        started = time.monotonic()
        with catalog_writer_lock(postgres_catalog, "backfill", timeout_seconds=10,
                                 poll_seconds=0.05):
            freed_after = time.monotonic() - started
        assert freed_after < 5  # PostgreSQL ended the dead holder's transaction at once
    finally:
        holder.kill()
        holder.wait(30)


def test_the_servers_idle_in_transaction_timeout_does_not_end_a_held_lock(
        postgres: PostgresServer, postgres_catalog: str) -> None:
    dbname = postgres_catalog.split("dbname=")[1].split()[0]
    postgres.psql(f"alter database {dbname} set idle_in_transaction_session_timeout = '500ms'")
    held = ("select count(*) from pg_locks where locktype = 'advisory' and granted "
            "and classid = 1852143475 and objid = 1")
    with catalog_writer_lock(postgres_catalog, "a long run", timeout_seconds=5):
        time.sleep(1.5)  # three timeouts' worth of doing nothing on the lock's connection
        assert postgres.psql(held, dbname) == "1"
        with pytest.raises(WriterBusyError), catalog_writer_lock(
                postgres_catalog, "another", timeout_seconds=0.2, poll_seconds=0.05):
            pass
    assert postgres.psql(held, dbname) == "0"


def test_lake_writers_started_together_never_lose_or_double_a_write(
        postgres_catalog: str, tmp_path: Path) -> None:
    data_path, log = tmp_path / "lake", tmp_path / "writers.log"
    for _ in range(ROUNDS):
        pair = [subprocess.Popen(
            [sys.executable, "-m", "tests.lake.lake_writer_probe", postgres_catalog,
             str(data_path), str(log), "0.2"], cwd=REPO, stderr=subprocess.PIPE)
            for _ in range(2)]
        for writer in pair:
            assert writer.wait(120) == 0, writer.stderr.read() if writer.stderr else ""
    events = _events(log)
    assert len(events) == 4 * ROUNDS
    for (_, enter, holder), (_, leave, leaver) in zip(events[::2], events[1::2], strict=True):
        assert (enter, leave, holder) == ("enter", "exit", leaver)
    reader = connect_reader(lake_target(postgres_catalog, data_path))
    try:
        writes = reader.execute("select write_number from probe_write order by 1").fetchall()
    finally:
        reader.close()
    # Each writer read how many writes came before it and wrote one more: none read the
    # same count as another, so no write was lost or doubled.
    assert [number for (number,) in writes] == list(range(1, 2 * ROUNDS + 1))
