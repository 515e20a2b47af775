"""`newsetl serve` against a real `prefect server start`, used through the API as the UI
does: both deployments registered with their schedule, form schema and shared writer limit;
backfills run in each mode (and dry), queued one at a time by the limit."""

from __future__ import annotations

import hashlib
import itertools
import json

import pytest
from prefect.client.schemas.filters import (
    ArtifactFilter,
    ArtifactFilterFlowRunId,
    ArtifactFilterKey,
)

from newsetl.flows.backfill import ARTIFACT_KEY
from tests.integration.service_data import (
    DAYS,
    SEED_DAY,
    partitions,
    rows,
    stage_every_case,
)
from tests.integration.shared_service import Service

pytestmark = pytest.mark.slow(seconds=160)
RANGE = {"start_date": SEED_DAY.isoformat(), "end_date": DAYS[-1].isoformat()}


def test_serve_registers_both_deployments_with_schedule_form_and_limit(
        newsetl_service: Service) -> None:
    with newsetl_service.client() as client:
        nightly = client.read_deployment_by_name("nightly/nightly")
        backfill = client.read_deployment_by_name("backfill/backfill")

    [schedule] = nightly.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone, schedule.active) == (
        "0 2 * * *", "Europe/Berlin", True)
    assert backfill.schedules == []
    assert (nightly.entrypoint, backfill.entrypoint) == (
        "newsetl.flows.deployed.nightly", "newsetl.flows.deployed.backfill")
    for deployment in (nightly, backfill):
        limit = deployment.global_concurrency_limit
        assert (limit.name, limit.limit) == ("newsetl-warehouse-writer", 1)

    schema = backfill.parameter_openapi_schema
    fields = schema["properties"]
    assert list(fields) == ["start_date", "end_date", "mode", "dry_run"]
    assert schema["required"] == ["start_date", "end_date"]
    assert [fields[name]["title"] for name in fields] == [
        "Start date", "End date", "Mode", "Dry run"]
    assert all(fields[name]["description"] for name in fields)
    assert fields["start_date"]["format"] == fields["end_date"]["format"] == "date"
    assert fields["mode"]["default"] == "missing"
    assert schema["definitions"]["BackfillMode"]["enum"] == ["missing", "failed", "stale", "all"]
    assert fields["dry_run"] == fields["dry_run"] | {"type": "boolean", "default": False}


def test_the_nightly_run_shows_the_partition_table_in_the_ui(newsetl_service: Service) -> None:
    with newsetl_service.client() as client:
        # The service's first nightly's own version of the key: other tests on the same
        # server run nightlies over other inboxes, before this test or after it.
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(
                key=ArtifactFilterKey(any_=["newsetl-nightly-partitions"]),
                flow_run_id=ArtifactFilterFlowRunId(any_=[newsetl_service.first_nightly])))
    assert len(artifacts) == 1, "no partition table artifact after the nightly run"
    artifact = artifacts[0]
    assert artifact.type == "table"
    # the nightly built every day of the inbox: nothing for a backfill to do
    assert artifact.description == "Publication days: 0 failed, 0 missing, 0 stale, 4 built."
    assert json.loads(artifact.data) == [
        {"day": "", "state": "built", "articles": 7,
         "reason": "every day is built by this code: nothing to backfill"}]


def test_backfill_runs_in_each_mode_wait_their_turn_and_rebuild_their_days(
        newsetl_service: Service) -> None:
    warehouse = newsetl_service.warehouse
    assert {day: status for day, (status, _, _) in partitions(warehouse).items()} == dict.fromkeys(
        (SEED_DAY, *DAYS), "succeeded")
    stage_every_case(warehouse)
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()

    dry = newsetl_service.wait(newsetl_service.start_run(
        "backfill/backfill", {**RANGE, "mode": "all", "dry_run": True}))
    assert dry.state.is_completed()
    with newsetl_service.client():
        planned = dry.state.result()
    assert [(day.published_date, day.status) for day in planned.days] == [
        (day, "planned") for day in (SEED_DAY, *DAYS)]
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before

    # Three backfills at once: the writer limit lets one run, the others wait their turn.
    ids = [newsetl_service.start_run("backfill/backfill", {**RANGE, "mode": mode})
           for mode in ("missing", "failed", "stale")]
    seen: set[str] = set()
    runs = newsetl_service.wait_all(ids, seen)
    assert [run.state.name for run in runs] == ["Completed"] * 3
    assert "AwaitingConcurrencySlot" in seen
    spans = sorted((run.start_time, run.end_time) for run in runs)
    assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans))
    assert partitions(warehouse) == {SEED_DAY: ("succeeded", "backfill", 1),
                                     **{day: ("succeeded", "backfill", 2) for day in DAYS}}
    assert rows(warehouse, "select count(*) from dim_article where run_id = 'old-run'") == [(0,)]

    with newsetl_service.client() as client:
        result = runs[1].state.result()
        [artifact] = client.read_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=[ARTIFACT_KEY]),
            flow_run_id=ArtifactFilterFlowRunId(any_=[runs[1].id])))
    assert [(day.published_date, day.status) for day in result.days] == [(DAYS[1], "succeeded")]
    [day_row] = json.loads(artifact.data)  # the table artifact of every day (issue 15)
    assert (day_row["published_date"], day_row["status"], day_row["articles"]) == (
        DAYS[1].isoformat(), "succeeded", 2)
    assert day_row["reason"] == "last build failed: disk full"

    everything = newsetl_service.wait(newsetl_service.start_run(
        "backfill/backfill", {**RANGE, "start_date": DAYS[0].isoformat(), "mode": "all"}))
    assert everything.state.is_completed()
    built_by = rows(warehouse, "select distinct run_id from etl_partition where published_date "
                    "between ? and ?", [DAYS[0], DAYS[-1]])
    assert built_by == [(rows(warehouse, "select run_id from etl_run where flow_run_id = ?",
                              [str(everything.id)])[0][0],)]
