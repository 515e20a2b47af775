"""Promise: a run SIGKILLed at any point loses, doubles and leaves stuck nothing. Kills at 30+
points spread over discover, read, NER, load, commit, checks and publish, each the moment the
run logs an event (never after a sleep); every kill is followed by a rerun (which may itself
be killed at the chain's next point), and each chain ends with a run that completes. The
final warehouse, and its published copy, equal an uninterrupted build of the same inbox table
by table (content hashes, ledger columns aside), and no day is left `failed`."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

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
from tests.scorecard.scorecard import record, soak

pytestmark = pytest.mark.slow(seconds=530)


@dataclass(frozen=True)
class KillPoint:
    """Kill a run at the `nth` line of its output matching `event`; `stage` names what the
    run is doing then."""

    stage: str
    event: str
    nth: int = 1


def _task_starts(task: str) -> str:
    return rf"Executing task '{task}'"


def _task_ends(task: str) -> str:
    return rf"Task run '{task}-\w+' - Finished"


# With one NER process, a batch is tagged right after its decide step ends, in the flow.
POINTS = {
    "discover": KillPoint("discover", _task_starts("plan_inbox")),
    "read": KillPoint("read", r"inbox: \d+ files to read"),
    "ner1": KillPoint("NER", _task_ends("decide_batch")),
    "ner2": KillPoint("NER", _task_ends("decide_batch"), 2),
    "ner3": KillPoint("NER", _task_ends("decide_batch"), 3),
    "load1": KillPoint("load", _task_starts("load_decided_batch")),
    "load2": KillPoint("load", _task_starts("load_decided_batch"), 2),
    "commit1": KillPoint("commit", _task_ends("load_decided_batch")),
    "commit2": KillPoint("commit", _task_ends("load_decided_batch"), 2),
    "checks": KillPoint("checks", _task_starts("check_run")),
    "mark": KillPoint("checks", _task_starts("mark_built_partitions")),
    "summary": KillPoint("checks", _task_starts("summarize_run")),
    "close": KillPoint("publish",
                       r"newsetl.warehouse.session - checkpointed and closed the warehouse"),
    "copy": KillPoint("publish", _task_starts("publish_warehouse")),
    "published": KillPoint("publish", r"published \d+ MB by"),
    "report": KillPoint("publish", _task_starts("write_run_report")),
    "artifact": KillPoint("publish", _task_starts("publish_run_artifact")),
}
# Each chain starts from an empty warehouse: run 1 is killed at the first point, its rerun
# at the second, … and a last run completes. Once every batch is committed, a rerun reads
# nothing and is cheap: the later points of a chain kill such runs at discover, read, checks
# and publish. A point a rerun no longer reaches (its batches were committed before) lets
# that run complete; only kills that happened are counted.
CHAINS = (
    ("discover", "read", "ner1", "load1", "commit1", "commit2", "checks", "mark", "summary",
     "close", "copy", "published", "report", "artifact", "read"),
    ("ner2", "load2", "commit1", "load1", "commit1", "checks", "close", "published",
     "artifact", "discover", "mark", "copy", "report", "summary", "checks"),
    ("ner3", "load2", "commit1", "checks", "published"),
)
SOAK_ROUNDS = 4


def _env(server: PrefectServer, inbox: Path, warehouse: Path) -> dict[str, str]:
    return server.env(NEWSETL_INBOX=str(inbox), NEWSETL_WAREHOUSE=str(warehouse),
                      NEWSETL_NER_PROCESSES="1", NEWSETL_LOAD_BATCH_ARTICLES="1",
                      NEWSETL_WRITER_LOCK_TIMEOUT_SECONDS="60", **EVENT_LOGGING)


def test_kills_at_every_stage_then_reruns_equal_an_uninterrupted_build(
        real_prefect_server: PrefectServer, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_small_inbox(inbox)
    reference_file = tmp_path / "reference" / "newsetl.duckdb"
    built = run_newsetl(_env(real_prefect_server, inbox, reference_file))
    assert built.exit_code == 0, built.tail()
    # Every kill point is an event an uninterrupted run logs: a reworded log line must not
    # turn a kill into a run that completes unkilled.
    missing = [name for name, point in POINTS.items()
               if sum(bool(re.search(point.event, line)) for line in built.lines) < point.nth]
    assert missing == [], f"kill points the uninterrupted run never logged: {missing}"
    reference = snapshot(reference_file)
    reference_days = day_statuses(reference_file)
    assert set(reference_days.values()) == {"succeeded"}, reference_days

    kills: Counter[str] = Counter()
    unreached: list[str] = []
    inconsistent: list[str] = []
    wrongly_failed: list[str] = []
    failed_runs: list[str] = []  # reruns that did not complete
    seconds: list[float] = [built.seconds]
    chains = CHAINS * (SOAK_ROUNDS if soak() else 1)
    for number, chain in enumerate(chains):
        warehouse = tmp_path / f"chain{number}" / "newsetl.duckdb"
        env = _env(real_prefect_server, inbox, warehouse)
        published = warehouse.parent / "published" / "newsetl.duckdb"
        for name in chain:
            point = POINTS[name]
            if point.stage == "publish":
                # A run that changed nothing skips the copy and the report while both
                # exist (flows/unchanged.py); without them it makes both, so the kill lands.
                published.unlink(missing_ok=True)
                published.with_name("report.html").unlink(missing_ok=True)
            outcome = run_newsetl(env, kill_at=point.event, nth=point.nth)
            seconds.append(outcome.seconds)
            if outcome.killed:
                kills[point.stage] += 1
            elif outcome.exit_code == 0:
                unreached.append(f"chain {number} {name}")
            else:
                failed_runs.append(f"chain {number} {name}: {outcome.tail(3)}")
        final = run_newsetl(env)
        seconds.append(final.seconds)
        if final.exit_code != 0:
            failed_runs.append(f"chain {number} final: {final.tail(3)}")
            continue
        for label, copy in (("warehouse", warehouse), ("published copy", published)):
            differing = differing_tables(copy, reference)
            if differing:
                inconsistent.append(f"chain {number} {label}: {', '.join(differing)}")
        days = day_statuses(warehouse)
        wrongly_failed += [f"chain {number} {day}" for day, status in days.items()
                           if status != reference_days.get(day)]
        shutil.rmtree(warehouse.parent)

    total = sum(kills.values())
    by_stage = " ".join(f"{stage} {count}" for stage, count in kills.items())
    figures = {"kills": total, "by stage": f"({by_stage})", "reruns": total,
               "chains": len(chains), "inconsistent": len(inconsistent),
               "days wrongly failed": len(wrongly_failed), "reruns failed": len(failed_runs),
               "points not reached": len(unreached),
               "median run s": round(sorted(seconds)[len(seconds) // 2], 1)}
    passed = (total >= 30 and not inconsistent and not wrongly_failed and not failed_runs
              and len(kills) == 7)
    record("crash consistency", passed, figures,
           "; ".join(failed_runs + inconsistent + wrongly_failed
                     + [f"not reached: {u}" for u in unreached])[:300])
    assert failed_runs == [], failed_runs
    assert len(kills) == 7, f"stages with no kill: {kills}"
    assert total >= 30, f"only {total} kills happened ({unreached} not reached)"
    assert inconsistent == [], inconsistent
    assert wrongly_failed == [], wrongly_failed


def test_the_kill_points_cover_every_stage() -> None:
    stages = {POINTS[name].stage for chain in CHAINS for name in chain}
    assert stages == {"discover", "read", "NER", "load", "commit", "checks", "publish"}
    assert sum(len(chain) for chain in CHAINS) >= 30
    assert all(re.compile(point.event) for point in POINTS.values())
