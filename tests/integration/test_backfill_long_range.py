"""A backfill of any range works through it in chunks of days, each committed and published:
three years of a small warehouse rebuild to the end with their progress in the UI, and a
backfill stopped after its first chunk is finished by `failed` and `missing` without
rebuilding a finished day again."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from prefect import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

from newsetl.flows import partition_tasks
from newsetl.flows.backfill import backfill
from newsetl.flows.backfill_progress import DAYS_KEY, PROGRESS_KEY
from newsetl.flows.nightly import nightly
from tests.integration.conftest import Workspace
from tests.integration.prefect_server import PrefectServer
from tests.integration.service_data import SEED_DAY, execute, partitions, rows, write_inbox
from tests.integration.shared_service import prefect_settings

pytestmark = pytest.mark.slow
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
    real_build_star = partition_tasks.build_star

    def cancelled_in_2022(articles: pl.DataFrame, *args: object) -> object:
        """The SIGTERM of a cancel from the UI arriving while 2022's first day is built."""
        if articles["published_date"].min() >= date(2022, 1, 1):
            raise Stopped
        return real_build_star(articles, *args)

    monkeypatch.setattr(partition_tasks, "build_star", cancelled_in_2022)
    with pytest.raises(Stopped):
        backfill(start_date=START, end_date=END, mode="missing")
    monkeypatch.setattr(partition_tasks, "build_star", real_build_star)

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
