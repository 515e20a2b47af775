"""Promise: a full disk fails the run with its real cause and loses nothing committed. The
warehouse lives on a small tmpfs; the moment the run has committed its first batch, the rest
of the tmpfs is filled. The run fails naming `No space left on device`, its status and exit
code agree, the batches committed before survive, and once space is freed the rerun ends
equal to an uninterrupted build (table by table, ledger columns aside)."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.integration.prefect_server import PrefectServer
from tests.scorecard.runs import (
    EVENT_LOGGING,
    day_statuses,
    differing_tables,
    run_newsetl,
    snapshot,
    write_small_inbox,
)
from tests.scorecard.scorecard import record

pytestmark = pytest.mark.slow(seconds=75)
TMPFS_SIZE = "96m"
FIRST_COMMIT = r"Task run 'load_decided_batch-\w+' - Finished"


@contextlib.contextmanager
def _tmpfs(folder: Path) -> Iterator[str | None]:
    """A small tmpfs mounted on `folder` (None), or why it could not be mounted."""
    folder.mkdir(parents=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TMPFS_SIZE}", "tmpfs",
                              str(folder)], capture_output=True, text=True, check=False) \
        if os.geteuid() == 0 else None
    if mounted is None or mounted.returncode != 0:
        yield ("not root" if mounted is None
               else f"mount -t tmpfs refused: {mounted.stderr.strip()[:120]}")
        return
    try:
        yield None
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> None:
    """Write into `folder` until the filesystem has no byte left."""
    with (folder / "filler").open("wb", buffering=0) as filler:
        for size in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    filler.write(bytes(size))
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise


def test_a_full_disk_fails_the_run_with_its_cause_and_the_rerun_completes(
        real_prefect_server: PrefectServer, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_small_inbox(inbox)
    env_of = {"NEWSETL_INBOX": str(inbox), "NEWSETL_NER_PROCESSES": "1",
              "NEWSETL_LOAD_BATCH_ARTICLES": "1", **EVENT_LOGGING}
    reference_file = tmp_path / "reference" / "newsetl.duckdb"
    built = run_newsetl(real_prefect_server.env(**env_of,
                                                NEWSETL_WAREHOUSE=str(reference_file)))
    assert built.exit_code == 0, built.tail()
    reference = snapshot(reference_file)

    disk = tmp_path / "tmpfs"
    with _tmpfs(disk) as refused:
        if refused is not None:
            record("disk full", None, {}, f"skipped: {refused}")
            pytest.skip(refused)
        warehouse = disk / "newsetl.duckdb"
        env = real_prefect_server.env(**env_of, NEWSETL_WAREHOUSE=str(warehouse))
        full = run_newsetl(env, kill_at=FIRST_COMMIT, then=lambda: _fill(disk))
        (disk / "filler").unlink()
        output = "".join(full.lines)
        failure = [line for line in full.lines if line.startswith("newsetl: run failed")]
        with duckdb.connect(str(warehouse), read_only=True) as connection:
            (committed,) = connection.sql("select count(*) from dim_article").fetchone()  # type: ignore[misc]
            (before,) = connection.sql("select status from etl_run").fetchone()  # type: ignore[misc]
        rerun = run_newsetl(env)
        differing = differing_tables(warehouse, reference) if rerun.exit_code == 0 else ["?"]
        days = day_statuses(warehouse)
        with duckdb.connect(str(warehouse), read_only=True) as connection:
            statuses = connection.sql("select status from etl_run order by started_at").fetchall()

    real_cause = len(failure) == 1 and "No space left on device" in failure[0]
    # A full disk may leave no room to record the failure: the run then stays `running`
    # until the next writer marks it failed; it must never say `succeeded`.
    agree = (full.exit_code != 0 and before in ("failed", "running")
             and statuses == [("failed",), ("succeeded",)])
    figures = {"tmpfs": TMPFS_SIZE, "exit code": full.exit_code,
               "cause on the error line": real_cause, "status agrees": agree,
               "articles committed before": committed, "rerun exit": rerun.exit_code,
               "tables differing after rerun": len(differing),
               "days not succeeded": sum(status != "succeeded" for status in days.values())}
    passed = (full.event_seen and real_cause and agree and committed >= 1
              and rerun.exit_code == 0 and not differing
              and set(days.values()) == {"succeeded"})
    record("disk full", passed, figures, (failure[0][:200] if failure else "no error line"))
    assert full.event_seen, output[-3000:]
    assert full.exit_code != 0, output[-3000:]
    assert committed >= 1
    assert rerun.exit_code == 0, rerun.tail()
    assert differing == []
    assert set(days.values()) == {"succeeded"}, days
    assert agree, (before, statuses)
    assert real_cause, output[-3000:]
