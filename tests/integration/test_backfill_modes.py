"""Each backfill mode picks its days, with their reasons; a dry run changes nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsetl.cli import app
from newsetl.flows.backfill import backfill
from tests.integration.conftest import Workspace
from tests.integration.service_data import (
    DAYS,
    SEED_DAY,
    partitions,
    rows,
    stage_every_case,
)

pytestmark = pytest.mark.slow
START, END = SEED_DAY, DAYS[-1]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _plan(mode: str) -> dict[object, str]:
    result = backfill(start_date=START, end_date=END, mode=mode, dry_run=True)
    assert {day.status for day in result.days} <= {"planned"}
    return {day.published_date: f"{day.articles}: {day.reason}" for day in result.days}


def test_each_mode_plans_then_rebuilds_its_days_and_a_dry_run_changes_nothing(
        workspace: Workspace) -> None:
    workspace.start_from_nightly_build()
    stage_every_case(workspace.warehouse)
    before = _digest(workspace.warehouse)

    assert _plan("missing") == {
        SEED_DAY: "1: never built: 1 articles in the raw layer",
        DAYS[0]: "2: 1 raw articles not in the star",
    }
    assert _plan("failed") == {DAYS[1]: "2: last build failed: disk full"}
    stale = _plan("stale")
    assert list(stale) == [DAYS[2]]
    assert stale[DAYS[2]].startswith("2: 2 of 2 articles built by newsetl 0.0.1, model ")
    assert list(_plan("all")) == [SEED_DAY, *DAYS]
    assert _digest(workspace.warehouse) == before

    for mode, days in (("missing", [SEED_DAY, DAYS[0]]), ("failed", [DAYS[1]]),
                       ("stale", [DAYS[2]])):
        result = backfill(start_date=START, end_date=END, mode=mode)
        assert [(d.published_date, d.status) for d in result.days] == [
            (day, "succeeded") for day in days], mode

    assert partitions(workspace.warehouse) == {
        SEED_DAY: ("succeeded", "backfill", 1), **{day: ("succeeded", "backfill", 2)
                                                   for day in DAYS}}
    assert rows(workspace.warehouse, "select count(*) from dim_article "
                "where run_id = 'old-run'") == [(0,)]
    history = rows(workspace.warehouse, "select published_date, run_kind, status "
                   "from etl_partition_history where published_date = ? order by recorded_at",
                   [DAYS[1]])
    assert history == [(DAYS[1], "nightly", "succeeded"), (DAYS[1], "backfill", "succeeded")]


def test_the_cli_backfill_prints_the_days(workspace: Workspace) -> None:
    workspace.start_from_nightly_build()

    dry = CliRunner().invoke(app, ["backfill", str(DAYS[0]), str(DAYS[1]), "--mode", "all",
                                   "--dry-run"])
    real = CliRunner().invoke(app, ["backfill", str(DAYS[0]), str(DAYS[1]), "--mode", "all"])
    wrong = CliRunner().invoke(app, ["backfill", str(DAYS[1]), str(DAYS[0])])

    assert dry.exit_code == 0, dry.output
    assert f"| {DAYS[0]} | planned | 2 |" in dry.output
    assert real.exit_code == 0, real.output
    assert f"| {DAYS[1]} | succeeded | 2 |" in real.output
    assert wrong.exit_code == 1
    assert "end_date 2024-03-01 is before start_date 2024-03-02" in wrong.output
