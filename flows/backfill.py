"""The backfill flow: rebuild the star rows of a range of publication days from the raw layer.

One transaction per day: a day that fails is recorded `failed` and the others still run.
The per-day outcome is the flow's result and a markdown artifact; the flow run ends
`Failed` when any day failed.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run
from prefect.states import Failed, State
from prefect.utilities.annotations import quote
from pydantic import Field

from newsetl.nlp.pool import NerPool
from newsetl.settings import Settings
from newsetl.transforms.ledger.partition_selection import BackfillMode, check_window
from newsetl.warehouse.partitions import locked_reader
from newsetl.warehouse.runs import RunRecord
from newsetl.warehouse.session import PartialFailure

from .backfill_result import BackfillResult, DayOutcome
from .nightly import record_rules, run_versions
from .partition_tasks import plan_backfill, rebuild_day
from .reporting import publishing_writer_session
from .tasks import reference_data

ARTIFACT_KEY = "backfill-days"


class DaysFailedError(PartialFailure):
    """Some days of a backfill failed (each is recorded in etl_partition)."""


# The custom-run form of the deployment: Prefect renders each parameter with its title and
# description (the default of a flow parameter may be a pydantic Field for this).
START_DATE = Field(description="First publication day to rebuild (inclusive).",
                   json_schema_extra={"title": "Start date"})
END_DATE = Field(description="Last publication day to rebuild (inclusive, on or after the "
                 "start; the range is capped by NEWSETL_BACKFILL_MAX_DAYS).",
                 json_schema_extra={"title": "End date"})
MODE = Field(default=BackfillMode.missing,
             description="Which days of the range: missing = raw articles but never built; "
             "failed = last build failed or was interrupted; stale = built by an older "
             "newsetl, model or rules version; all = every day.",
             json_schema_extra={"title": "Mode"})
DRY_RUN = Field(default=False, description="Only list the days, their article counts and why "
                "each was chosen; change nothing.", json_schema_extra={"title": "Dry run"})


@flow(name="backfill", flow_run_name="backfill-{mode}-{start_date}-{end_date}",
      validate_parameters=True, persist_result=True, result_serializer="json")
def backfill(start_date: date = START_DATE, end_date: date = END_DATE,
             mode: BackfillMode = MODE, dry_run: bool = DRY_RUN) -> BackfillResult | State:
    """Rebuild the star rows of publication days from the raw layer in the warehouse."""
    settings = Settings()
    mode = BackfillMode(mode)
    check_window(start_date, end_date, settings.backfill_max_days)
    result = BackfillResult(start_date=start_date, end_date=end_date, mode=mode,
                            dry_run=dry_run)
    try:
        if dry_run:
            _plan_only(settings, result)
        else:
            _rebuild(settings, result)
    except DaysFailedError:
        pass
    get_run_logger().info(result.summary())
    create_markdown_artifact(result.markdown(), key=ARTIFACT_KEY,
                             description=result.summary())
    if result.failed_days:
        days = ", ".join(str(day.published_date) for day in result.failed_days)
        return Failed(message=f"{result.summary()}: {days}", data=result)
    return result


def _plan_only(settings: Settings, result: BackfillResult) -> None:
    versions = run_versions(settings)
    rules = record_rules(settings, datetime.now(UTC).date())
    with locked_reader(settings.warehouse, "backfill dry run",
                       settings.writer_lock_timeout_seconds) as connection:
        if connection is None:
            return
        plan = plan_backfill(connection, result.start_date, result.end_date, result.mode,
                             versions, rules)
    result.days = [DayOutcome(status="planned", **day) for day in plan.days.iter_rows(named=True)]


def _rebuild(settings: Settings, result: BackfillResult) -> None:
    run = RunRecord(run_id=str(uuid.uuid4()), run_kind="backfill",
                    versions=run_versions(settings), flow_run_id=flow_run.get_id())
    result.run_id = run.run_id
    rules = record_rules(settings, run.started_at.astimezone(UTC).date())
    # Rebuilt days are published once the writer file is closed (also when some failed).
    with publishing_writer_session(settings, run) as session:
        plan = plan_backfill(session.connection, result.start_date, result.end_date,
                             result.mode, run.versions, rules)
        if plan.days.is_empty():
            return
        reference = reference_data()
        with NerPool(settings.spacy_model, settings.ner_processes, settings.ner_batch_size,
                     settings.max_text_chars) as ner:
            for day in plan.days.iter_rows(named=True):
                # quoted: Prefect would walk every reference-data key on each call
                outcome = rebuild_day(session, day, quote(plan.orphan_ids(day["published_date"])),
                                      quote(ner), quote(reference), rules)
                result.days.append(outcome)
                session.counts.entity_mentions += outcome.entity_mentions
                session.counts.date_mentions += outcome.date_mentions
        if result.failed_days:
            raise DaysFailedError(result.summary())
