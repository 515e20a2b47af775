"""A backfill rebuilds days from the raw layer exactly as a nightly build made them, one
transaction per day: a day that fails is recorded and leaves the others built."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal
from prefect import get_client
from prefect.client.schemas.filters import (
    ArtifactFilter,
    ArtifactFilterFlowRunId,
    ArtifactFilterKey,
)

from newsetl.flows.backfill import ARTIFACT_KEY, backfill
from tests.integration.conftest import Workspace
from tests.integration.service_data import DAYS, SEED_DAY, execute, partitions, rows

pytestmark = pytest.mark.slow
RUN_LEDGER = ("etl_run", "etl_partition", "etl_partition_history")


def _snapshot(warehouse: Path) -> dict[str, pl.DataFrame]:
    """Every table a rebuild could change (all but the run ledger), without run ids, in a
    fixed row order: star, dimensions, the loader's derived tables, raw layer and ledger."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        columns = connection.sql("select table_name, list(column_name) from duckdb_columns() "
                                 "where schema_name = 'main' and not internal "
                                 "and table_name in (select table_name from duckdb_tables()) "
                                 "group by table_name order by table_name").fetchall()
        return {
            table: connection.sql(f"select * exclude (run_id) from {table}" if "run_id" in names
                                  else f"select * from {table}").pl().sort(pl.all())
            for table, names in columns if table not in RUN_LEDGER
        }


def _day_rows(warehouse: Path, day: object) -> pl.DataFrame:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.sql(
            "select m.* from fct_entity_mention m join dim_article a using (article_key) "
            "where a.published_date = $day", params={"day": day}).pl().sort(pl.all())


def test_backfill_all_gives_exactly_the_rows_of_a_nightly_build(workspace: Workspace) -> None:
    workspace.start_from_nightly_build()
    built = _snapshot(workspace.warehouse)
    assert {"dim_article", "fct_entity_mention", "search_term", "raw_article"} <= set(built)

    result = backfill(start_date=DAYS[0], end_date=DAYS[-1], mode="all")

    assert [(day.published_date, day.status) for day in result.days] == [
        (day, "succeeded") for day in DAYS]
    rebuilt = _snapshot(workspace.warehouse)
    assert list(rebuilt) == list(built)
    for table in built:
        try:
            assert_frame_equal(rebuilt[table], built[table])
        except AssertionError as difference:
            raise AssertionError(f"{table} differs after the backfill") from difference
    run_ids = rows(workspace.warehouse, "select distinct run_id from dim_article "
                   "where published_date between ? and ?", [DAYS[0], DAYS[-1]])
    assert [run_id for (run_id,) in run_ids] == result.run_ids  # one chunk
    assert partitions(workspace.warehouse) == {
        **{day: ("succeeded", "backfill", 2) for day in DAYS},
        SEED_DAY: ("succeeded", "nightly", 1),
    }
    counts = rows(workspace.warehouse, "select count(*) from etl_partition_history")
    assert counts == [(len(DAYS) + 1 + len(DAYS),)]  # nightly's days, then the backfill's


def test_a_failing_day_is_recorded_and_the_others_are_rebuilt(workspace: Workspace) -> None:
    workspace.start_from_nightly_build()
    broken_day = DAYS[1]
    before = _day_rows(workspace.warehouse, broken_day)
    # The raw layer of one article of the middle day no longer passes the record rules.
    execute(workspace.warehouse, "update raw_article set text = null where article_id = "
            "(select min(article_id) from dim_article where published_date = ?)", [broken_day])

    state = backfill(start_date=DAYS[0], end_date=DAYS[-1], mode="all", return_state=True)

    assert state.is_failed()
    result = state.result(raise_on_failure=False)
    assert [day.status for day in result.days] == ["succeeded", "failed", "succeeded"]
    assert "no longer pass the record rules: {'no_text': 1}" in result.days[1].error
    assert partitions(workspace.warehouse)[broken_day] == ("failed", "backfill", 2)
    assert_frame_equal(_day_rows(workspace.warehouse, broken_day), before)  # rolled back
    [(status, error)] = rows(workspace.warehouse,
                             "select status, error from etl_run where run_id = ?", result.run_ids)
    assert status == "failed"
    assert "1 failed" in error
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=[ARTIFACT_KEY]),
            flow_run_id=ArtifactFilterFlowRunId(any_=[state.state_details.flow_run_id])))
    table = {row["published_date"]: row["status"] for row in json.loads(artifacts[0].data)}
    assert table == {str(DAYS[0]): "succeeded", str(broken_day): "failed",
                     str(DAYS[2]): "succeeded"}

    # Mended with other text, the article's content hash changes: it gets a new raw version.
    execute(workspace.warehouse, "update raw_article set text = 'Mended text about Lisbon.' "
            "where text is null")
    retried = backfill(start_date=DAYS[0], end_date=DAYS[-1], mode="failed")
    assert [(day.published_date, day.status) for day in retried.days] == [
        (broken_day, "succeeded")]
    assert partitions(workspace.warehouse)[broken_day] == ("succeeded", "backfill", 2)
    versions = rows(workspace.warehouse, "select is_current, run_id = ? from raw_article "
                    "where text like 'Mended%' order by is_current", retried.run_ids)
    assert versions == [(False, False), (True, True)]


def test_the_range_is_checked_before_anything_runs(workspace: Workspace) -> None:
    with pytest.raises(ValueError, match="before start_date"):
        backfill(start_date=DAYS[1], end_date=DAYS[0])
    assert not workspace.warehouse.exists()
