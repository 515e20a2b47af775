"""A backfill of any range works through it in chunks of days, each committed and published:
three years of a small warehouse rebuild to the end with their progress in the UI, and a
backfill stopped after its first chunk is finished by `failed` and `missing` without
rebuilding a finished day again. From the CLI, the dry run of three years says how many
days, articles and chunks a real run would touch, and a real run of more than
NEWSETL_BACKFILL_CONFIRM_DAYS asks first (on a terminal), or takes --yes."""

from __future__ import annotations

import hashlib
import json
import os
import select
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from prefect import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
from typer.testing import CliRunner

from newsetl.cli import app
from newsetl.flows import partition_tasks
from newsetl.flows.backfill import backfill
from newsetl.flows.backfill_progress import DAYS_KEY, PROGRESS_KEY
from newsetl.flows.nightly import nightly
from tests.integration.conftest import Workspace
from tests.integration.prefect_server import PrefectServer
from tests.integration.service_data import SEED_DAY, execute, partitions, rows, write_inbox
from tests.integration.shared_service import prefect_settings

pytestmark = pytest.mark.slow(seconds=100)
START, END = date(2021, 1, 1), date(2023, 12, 31)  # 1,095 days
SPREAD = (date(2021, 1, 1), date(2021, 3, 15), date(2021, 7, 4), date(2021, 12, 31),
          date(2022, 1, 1), date(2022, 2, 28), date(2022, 6, 15), date(2022, 11, 30),
          date(2023, 1, 31), date(2023, 5, 5), date(2023, 9, 9), date(2023, 12, 31))


class Stopped(BaseException):
    """Like the `TerminationSignal` a cancel from the UI raises (that one makes Prefect's
    engine SIGTERM the process afterwards): not an error a day's rebuild catches."""


@pytest.fixture(scope="module")
def three_years_built(tmp_path_factory: pytest.TempPathFactory,
                      real_prefect_server: PrefectServer) -> Path:
    """A warehouse the nightly flow built from one article on each of 12 days of 3 years
    (and the seed article), once for the module."""
    folder = tmp_path_factory.mktemp("three_years")
    write_inbox(folder / "inbox", SPREAD, per_day=1)
    warehouse = folder / "newsetl.duckdb"
    with pytest.MonkeyPatch.context() as monkeypatch, prefect_settings(real_prefect_server):
        monkeypatch.setenv("NEWSETL_NER_PROCESSES", "1")
        nightly(inbox=str(folder / "inbox"), warehouse=str(warehouse))
    return warehouse


@pytest.fixture
def three_years(workspace: Workspace, three_years_built: Path) -> Path:
    """This test's copy of that warehouse, where the workspace's settings point."""
    workspace.warehouse.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(three_years_built, workspace.warehouse)
    return workspace.warehouse


def _artifacts(flow_run_id: object) -> list[Any]:
    with get_client(sync_client=True) as client:
        return client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))


def test_a_three_year_backfill_runs_to_the_end_in_chunks(
        three_years: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSETL_BACKFILL_CHUNK_DAYS", "5")
    state = backfill(start_date=START, end_date=END, mode="all", return_state=True)

    result = state.result()
    assert [(day.published_date, day.status) for day in result.days] == [
        (day, "succeeded") for day in SPREAD]
    assert len(result.run_ids) == 3  # 5 + 5 + 2 days
    assert partitions(three_years) == {**{day: ("succeeded", "backfill", 1) for day in SPREAD},
                                       SEED_DAY: ("succeeded", "nightly", 1)}
    assert rows(three_years, "select status, count(*) from etl_run where run_kind = 'backfill' "
                "group by status") == [("succeeded", 3)]
    published = three_years.parent / "published" / three_years.name
    assert rows(published, "select count(*) from etl_partition where run_kind = 'backfill'") == [
        (len(SPREAD),)]

    artifacts = _artifacts(state.state_details.flow_run_id)
    [progress] = [artifact for artifact in artifacts if artifact.key == PROGRESS_KEY]
    assert progress.type == "progress"
    assert float(progress.data) == 100.0
    [days] = [artifact for artifact in artifacts if artifact.key == DAYS_KEY]
    assert [(row["published_date"], row["status"]) for row in json.loads(days.data)] == [
        (str(day), "succeeded") for day in SPREAD]
    chunk_tables = [artifact for artifact in artifacts
                    if artifact.type == "table" and artifact.key is None]
    assert sorted(len(json.loads(table.data)) for table in chunk_tables) == [2, 5, 5]


def test_a_backfill_stopped_after_its_first_chunk_is_finished_by_failed_and_missing(
        three_years: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSETL_BACKFILL_CHUNK_DAYS", "4")  # 2021, 2022, 2023
    execute(three_years, "delete from etl_partition")  # every day of the archive never built
    real_star_rows = partition_tasks.star_rows

    def cancelled_in_2022(articles: pl.DataFrame, *args: object) -> object:
        """The SIGTERM of a cancel from the UI arriving while 2022's first day is built."""
        if articles["published_date"].min() >= date(2022, 1, 1):
            raise Stopped
        return real_star_rows(articles, *args)

    monkeypatch.setattr(partition_tasks, "star_rows", cancelled_in_2022)
    with pytest.raises(Stopped):
        backfill(start_date=START, end_date=END, mode="missing")
    monkeypatch.setattr(partition_tasks, "star_rows", real_star_rows)

    first_chunk = [day for day in SPREAD if day.year == 2021]
    assert partitions(three_years) == {
        **{day: ("succeeded", "backfill", 1) for day in first_chunk},
        date(2022, 1, 1): ("running", "backfill", 1)}  # as a killed process leaves it
    assert rows(three_years, "select status, coalesce(error, '') like 'Stopped%' from etl_run "
                "where run_kind = 'backfill' order by started_at") == [
        ("succeeded", False), ("failed", True)]

    interrupted = backfill(start_date=START, end_date=END, mode="failed")
    rest = backfill(start_date=START, end_date=END, mode="missing")

    assert [(d.published_date, d.status) for d in interrupted.days] == [
        (date(2022, 1, 1), "succeeded")]
    assert [(d.published_date, d.status) for d in rest.days] == [
        (day, "succeeded") for day in SPREAD if day.year > 2021 and day != date(2022, 1, 1)]
    assert partitions(three_years) == {day: ("succeeded", "backfill", 1) for day in SPREAD}
    history = rows(three_years, "select published_date, count(*) from etl_partition_history "
                   "where run_kind = 'backfill' and status = 'succeeded' "
                   "group by published_date order by published_date")
    assert history == [(day, 1) for day in SPREAD]  # no day rebuilt twice


# --- the CLI: a dry run that says what a real run touches, a question for huge ranges ------

RANGE = [str(START), str(END), "--mode", "all"]
PLAN = ("backfill all 2021-01-01..2023-12-31 (dry run, a range of 1,095 days): would rebuild "
        "12 day(s) with 12 article(s) in 3 chunk(s) of at most 5 days; nothing changed")
QUESTION = "Rebuild these 12 day(s) now? [y/N]"
NEWSETL = Path(sys.executable).with_name("newsetl")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _backfill_runs(warehouse: Path) -> int:
    return rows(warehouse, "select count(*) from etl_run where run_kind = 'backfill'")[0][0]


def test_the_dry_run_of_three_years_says_how_many_days_articles_and_chunks(
        three_years: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSETL_BACKFILL_CHUNK_DAYS", "5")
    before = _digest(three_years)
    dry = CliRunner().invoke(app, ["backfill", *RANGE, "--dry-run"])  # never asks
    assert dry.exit_code == 0, dry.output
    assert dry.output.startswith(f"**{PLAN}**\n")
    assert "| 2022-06-15 | planned | 1 |" in dry.output
    assert _digest(three_years) == before


def test_a_huge_range_without_yes_and_without_a_terminal_is_refused_before_anything(
        three_years: Path) -> None:
    before = _digest(three_years)
    refused = CliRunner().invoke(app, ["backfill", *RANGE])  # CliRunner's stdin is no TTY
    assert refused.exit_code == 2
    assert refused.stdout == ""
    assert refused.stderr == (
        "newsetl: 2021-01-01..2023-12-31 is 1,095 days, more than NEWSETL_BACKFILL_CONFIRM_DAYS "
        "(366), and there is no terminal to ask on: see what it would rebuild with --dry-run, "
        "then run it again with --yes. Nothing was changed.\n")
    assert _digest(three_years) == before


def test_the_threshold_is_the_setting(three_years: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSETL_BACKFILL_CONFIRM_DAYS", "1094")
    assert CliRunner().invoke(app, ["backfill", *RANGE]).exit_code == 2
    monkeypatch.setenv("NEWSETL_BACKFILL_CONFIRM_DAYS", "1095")  # not over it: no question
    failed_mode = CliRunner().invoke(app, ["backfill", str(START), str(END), "--mode", "failed"])
    assert failed_mode.exit_code == 0, failed_mode.output
    assert "backfill failed 2021-01-01..2023-12-31: 0 day(s) rebuilt, 0 failed" in \
        failed_mode.output


def test_with_yes_a_huge_range_is_rebuilt_without_a_question(
        three_years: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSETL_BACKFILL_CHUNK_DAYS", "5")
    done = CliRunner().invoke(app, ["backfill", *RANGE, "--yes"])
    assert done.exit_code == 0, done.output
    assert "backfill all 2021-01-01..2023-12-31: 12 day(s) rebuilt, 0 failed" in done.output
    assert "[y/N]" not in done.output
    assert partitions(three_years) == {**{day: ("succeeded", "backfill", 1) for day in SPREAD},
                                       SEED_DAY: ("succeeded", "nightly", 1)}


def _on_a_terminal(command: list[str], env: dict[str, str], answer: str,
                   seconds: float = 300.0) -> tuple[int, str]:
    """Run `command` with a pseudo-terminal as its stdin, stdout and stderr; type `answer`
    when it asks; its exit status and everything it wrote."""
    parent, child = os.openpty()
    process = subprocess.Popen(command, stdin=child, stdout=child, stderr=child, env=env,
                               start_new_session=True)
    os.close(child)
    seen, answered, deadline = b"", False, time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            if select.select([parent], [], [], 0.5)[0]:
                try:
                    chunk = os.read(parent, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk
                if not answered and b"[y/N]" in seen:
                    os.write(parent, answer.encode() + b"\n")
                    answered = True
            elif process.poll() is not None:
                break
        status = process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(parent)
    return status, seen.decode(errors="replace").replace("\r\n", "\n")


@pytest.mark.parametrize(("answer", "status"), [("n", 2), ("y", 0)])
def test_on_a_terminal_a_huge_range_shows_its_dry_run_and_asks(
        workspace: Workspace, three_years: Path, answer: str, status: int) -> None:
    before, runs = _digest(three_years), _backfill_runs(three_years)
    env = {**workspace.env, "NEWSETL_BACKFILL_CHUNK_DAYS": "5"}

    code, output = _on_a_terminal([str(NEWSETL), "backfill", *RANGE], env, answer)

    assert PLAN in output
    assert QUESTION in output
    assert output.index(PLAN) < output.index(QUESTION)
    assert code == status, output
    if answer == "n":
        assert "newsetl: not confirmed; nothing was changed." in output
        assert _backfill_runs(three_years) == runs
        assert _digest(three_years) == before
    else:
        assert "backfill all 2021-01-01..2023-12-31: 12 day(s) rebuilt, 0 failed" in output
        assert {day: state for day, (state, _, _) in partitions(three_years).items()
                if day in SPREAD} == dict.fromkeys(SPREAD, "succeeded")
        assert _backfill_runs(three_years) == runs + 3
