"""The backfill flow: rebuild the star rows of a range of publication days from the raw layer.

Any range works: the days the mode selects are rebuilt in chunks of at most
`NEWSETL_BACKFILL_CHUNK_DAYS`, each planned and rebuilt in its own writer session (lock,
`etl_run` row, published copy at its end) and each day in its own transaction, so a
backfill stopped anywhere (cancelled from the UI, killed) keeps every finished day, and
`failed` plus the mode it ran in pick up the rest. A day that fails is recorded `failed`
and the others still run. Progress shows in the UI while it runs
(`backfill_progress`); the per-day outcome is the flow's result; the flow run ends `Failed`
when any day failed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import ExitStack, suppress
from datetime import UTC, date, datetime, timedelta

from prefect import Flow, flow, get_run_logger
from prefect.runtime import flow_run
from prefect.states import Failed, State
from pydantic import Field

from newsetl.analyst.report.partition_facts import BuildBasis
from newsetl.nlp.language import LanguageDetector
from newsetl.settings import Settings
from newsetl.transforms.entities.reference import ReferenceData
from newsetl.transforms.ledger.backfill_chunks import range_days, take_chunk
from newsetl.transforms.ledger.partition_selection import BackfillMode
from newsetl.warehouse.backend import warehouse_exists
from newsetl.warehouse.partitions import locked_reader
from newsetl.warehouse.runs import RunRecord, RunVersions
from newsetl.warehouse.session import PartialFailure

from .backfill_progress import DAYS_KEY, BackfillProgress, days_table
from .backfill_result import BackfillResult, DayOutcome
from .dask_ner import NerTagger, ner_tagger, task_runner_for
from .hooks import on_failure_or_crash
from .nightly import record_rules, run_versions
from .partition_tasks import fail_unfinished_partitions, plan_backfill, rebuild_day
from .reporting import publish_partition_artifact, publishing_writer_session
from .tasks import reference_data

ARTIFACT_KEY = DAYS_KEY


class DaysFailedError(PartialFailure):
    """Some days of a backfill chunk failed (each is recorded in etl_partition)."""

    def __init__(self, message: str, resume_date: date | None) -> None:
        super().__init__(message)
        self.resume_date = resume_date


# The custom-run form of the deployment: Prefect renders each parameter with its title and
# description (the default of a flow parameter may be a pydantic Field for this).
START_DATE = Field(description="First publication day to rebuild (inclusive).",
                   json_schema_extra={"title": "Start date"})
END_DATE = Field(description="Last publication day to rebuild (inclusive, on or after the "
                 "start). Any range works: its days are rebuilt in chunks of "
                 "NEWSETL_BACKFILL_CHUNK_DAYS days, each committed and published as it ends.",
                 json_schema_extra={"title": "End date"})
MODE = Field(default=BackfillMode.missing,
             description="Which days of the range: missing = raw articles but never built; "
             "failed = last build failed or was interrupted; stale = built by an older "
             "newsetl, model or rules version; all = every day.",
             json_schema_extra={"title": "Mode"})
DRY_RUN = Field(default=False, description="Only list the days, their article counts and why "
                "each was chosen, and say how many days, articles and chunks a real run would "
                "rebuild; change nothing.", json_schema_extra={"title": "Dry run"})


@flow(name="backfill", flow_run_name="backfill-{mode}-{start_date}-{end_date}",
      validate_parameters=True, persist_result=True, result_serializer="json",
      on_failure=[on_failure_or_crash], on_crashed=[on_failure_or_crash])
def backfill(start_date: date = START_DATE, end_date: date = END_DATE,
             mode: BackfillMode = MODE, dry_run: bool = DRY_RUN) -> BackfillResult | State:
    """Rebuild the star rows of publication days from the raw layer in the warehouse."""
    settings = Settings()
    days = range_days(start_date, end_date)
    result = BackfillResult(start_date=start_date, end_date=end_date, mode=BackfillMode(mode),
                            dry_run=dry_run, chunk_days=settings.backfill_chunk_days)
    logger = get_run_logger()
    logger.info("%s..%s: %d day(s), rebuilt in chunks of at most %d", start_date, end_date,
                days, settings.backfill_chunk_days)
    if dry_run:
        _plan_only(settings, result)
    else:
        _rebuild(settings, result)
    logger.info(result.summary())
    days_table(result)
    if not dry_run and warehouse_exists(settings.analyst_target):
        basis = BuildBasis(run_versions(settings), record_rules(settings, datetime.now(UTC).date()))
        publish_partition_artifact(settings.analyst_target, basis, "backfill",
                                   settings.analyst_memory_limit, settings.analyst_threads)
    if result.failed_days:
        failed = ", ".join(str(day.published_date) for day in result.failed_days)
        return Failed(message=f"{result.summary()}: {failed}", data=result)
    return result


def _plan_only(settings: Settings, result: BackfillResult) -> None:
    versions = run_versions(settings)
    rules = record_rules(settings, datetime.now(UTC).date())
    with locked_reader(settings.warehouse_target, "backfill dry run",
                       settings.writer_lock_timeout_seconds) as connection:
        if connection is None:
            return
        plan = plan_backfill(connection, result.start_date, result.end_date, result.mode,
                             versions, rules)
    result.days = [DayOutcome(status="planned", **day) for day in plan.days.iter_rows(named=True)]


def _rebuild(settings: Settings, result: BackfillResult) -> None:
    """Chunk after chunk until the range has nothing left; a stop (cancel, crash) leaves the
    committed days and says how to resume."""
    progress = BackfillProgress(result)
    versions = run_versions(settings)
    resume_date: date | None = result.start_date
    with ExitStack() as ner_pool:
        tools: list[tuple[NerTagger, ReferenceData]] = []

        def open_tools() -> tuple[NerTagger, ReferenceData]:
            """The NER (pool or Dask, as NEWSETL_NER_EXECUTOR says) and reference data,
            opened once, when a day first needs them."""
            if not tools:
                tools.append((ner_pool.enter_context(ner_tagger(settings)),
                              reference_data(settings.resolved_reference_cache_dir)))
            return tools[0]

        while resume_date is not None:
            chunk_start = resume_date
            try:
                resume_date = _rebuild_chunk(settings, chunk_start, versions, result,
                                             progress, open_tools)
            except DaysFailedError as failed:
                resume_date = failed.resume_date
            except BaseException:  # cancelled from the UI (SIGTERM), interrupted, crashed
                stopped = _stopped(result, chunk_start)
                get_run_logger().warning(stopped)
                with suppress(Exception):
                    days_table(result, stopped)
                raise
    progress.finish()


def _rebuild_chunk(settings: Settings, start_date: date, versions: RunVersions,
                   result: BackfillResult, progress: BackfillProgress,
                   open_tools: Callable[[], tuple[NerTagger, ReferenceData]]) -> date | None:
    """Plan `start_date`..the end, rebuild the plan's first chunk of days in one writer
    session (published at its end); returns where the next chunk starts (None: done)."""
    run = RunRecord(run_id=str(uuid.uuid4()), run_kind="backfill", versions=versions,
                    flow_run_id=flow_run.get_id())
    result.run_ids.append(run.run_id)
    rules = record_rules(settings, run.started_at.astimezone(UTC).date())
    with publishing_writer_session(settings, run) as session:
        fail_unfinished_partitions(session)
        plan = plan_backfill(session.connection, start_date, result.end_date, result.mode,
                             run.versions, rules)
        chunk = take_chunk(plan.days, settings.backfill_chunk_days)
        if chunk.days.is_empty():
            return None
        label = progress.chunk_started(chunk)
        get_run_logger().info("%s: rebuilding %d day(s)", label, chunk.days.height)
        ner, reference = open_tools()
        detector = LanguageDetector(settings.detect_languages)
        failed = 0
        for index, day in enumerate(chunk.days.iter_rows(named=True)):
            outcome = rebuild_day(session, day, plan.orphan_ids(day["published_date"]), ner,
                                  reference, rules, detector)
            result.days.append(outcome)
            failed += outcome.status == "failed"
            session.counts.entity_mentions += outcome.entity_mentions
            session.counts.date_mentions += outcome.date_mentions
            progress.day_done(outcome, left=chunk.days.height - index - 1 + chunk.remaining)
        progress.chunk_done(label, result.days[-chunk.days.height:])
        if failed:
            raise DaysFailedError(f"{label}: {chunk.days.height - failed} day(s) rebuilt, "
                                  f"{failed} failed", chunk.resume_date)
    return chunk.resume_date


def _stopped(result: BackfillResult, chunk_start: date) -> str:
    """Where a stopped backfill stopped, and how to pick up the rest."""
    done = [day.published_date for day in result.days if day.published_date >= chunk_start]
    resume = done[-1] + timedelta(days=1) if done else chunk_start
    return (f"backfill {result.mode.value} stopped at {resume}: "
            f"{len(result.days) - len(result.failed_days)} day(s) rebuilt before are committed "
            f"and kept. To finish: mode failed (the day being built when it stopped), then "
            f"mode {result.mode.value} from {resume} to {result.end_date}.")


def backfill_flow(settings: Settings) -> Flow[..., BackfillResult | State]:
    """The backfill flow with the task runner `settings` need: a DaskTaskRunner when
    `NEWSETL_NER_EXECUTOR=dask` (a flow's task runner is fixed before it starts)."""
    runner = task_runner_for(settings)
    return backfill if runner is None else backfill.with_options(task_runner=runner)
