"""The nightly flow: discover → read → parse → clean → NER → normalize → load → check."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

import polars as pl
from prefect import Flow, flow, get_run_logger
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from newsetl.analyst.report.partition_facts import BuildBasis
from newsetl.flows.progress import RunProgress
from newsetl.ingest.batches import ReadLimits, read_in_batches
from newsetl.nlp.language import LanguageDetector
from newsetl.settings import Settings
from newsetl.transforms.display import display_text
from newsetl.transforms.entities.reference import ReferenceData
from newsetl.transforms.ledger.rows import RECORD_OUTCOME_SCHEMA
from newsetl.transforms.metadata.ignored import ignored_fields_line
from newsetl.transforms.schemas import EXISTING_SCHEMA
from newsetl.warehouse.runs import RunCounts, RunRecord, previous_run, run_ignored_fields
from newsetl.warehouse.session import WriterSession

from .dask_ner import ner_tagger, task_runner_for
from .decisions import record_rules, run_versions
from .hooks import on_failure_or_crash
from .partition_tasks import fail_unfinished_partitions, mark_built_partitions
from .reporting import (
    publish_partition_artifact,
    publish_run_artifact,
    publishing_writer_session,
    summarize_run,
    write_run_report,
)
from .tasks import (
    check_run,
    decide_batch,
    load_decided_batch,
    plan_inbox,
    read_batch,
    reference_data,
)
from .unchanged import PARTITION_ARTIFACT, PUBLISH, REPORT, nothing_changed, skipped_steps


@dataclass(frozen=True)
class RunSummary:
    """What a run did, as the CLI prints it and the flow returns it."""

    run_id: str
    status: str
    seconds: float
    counts: dict[str, int]
    warehouse: str
    ignored_fields: str = "none"  # input fields no mapping reads (`ignored_fields_line`)
    skipped: str | None = None  # what a run that changed nothing did not redo, and why

    def text(self) -> str:
        """Five readable lines: files by outcome, articles, mentions, seconds (the warehouse
        path with its control and bidi characters escaped), the input fields ignored."""
        c = self.counts
        return (
            f"run {self.run_id} {self.status} in {self.seconds:.1f} s → "
            f"{display_text(self.warehouse)}\n"
            f"  files:    {c['files_seen']} seen, {c['files_loaded']} loaded, "
            f"{c['files_unchanged']} unchanged, {c['files_duplicate']} duplicate, "
            f"{c['files_quarantined']} quarantined\n"
            f"  articles: {c['articles_new']} new, {c['articles_changed']} changed, "
            f"{c['articles_unchanged']} unchanged, {c['articles_duplicate']} duplicate, "
            f"{c['records_quarantined']} records quarantined, "
            f"{c['articles_retired']} retired\n"
            f"  mentions: {c['entity_mentions']} entity, {c['date_mentions']} date; "
            f"{c['articles_untagged']} articles not tagged (no NER model for their language)\n"
            f"  fields we ignored: {self.ignored_fields}"
            + (f"\n  skipped:  {self.skipped}" if self.skipped else "")
        )


def _count_loaded(session: WriterSession, progress: RunProgress, counts: RunCounts) -> None:
    session.counts.add(counts)
    progress.batch_loaded(counts.articles_new + counts.articles_changed,
                          counts.entity_mentions + counts.date_mentions)


def _run_name() -> str:
    return f"nightly-{datetime.now(UTC):%Y-%m-%dT%H%M}"


@flow(name="nightly", flow_run_name=_run_name, validate_parameters=True,
      on_failure=[on_failure_or_crash], on_crashed=[on_failure_or_crash])
def nightly(inbox: str | None = None, warehouse: str | None = None,
            reread: bool = False) -> RunSummary:
    """Ingest whatever is new or changed in the inbox into the warehouse."""
    overrides = {"inbox": inbox, "warehouse": warehouse}
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    logger = get_run_logger()
    run = RunRecord(run_id=str(uuid.uuid4()), run_kind="nightly",
                    versions=run_versions(settings), inbox=str(settings.inbox),
                    flow_run_id=flow_run.get_id())
    rules = record_rules(settings, run.started_at.astimezone(UTC).date())
    with publishing_writer_session(settings, run) as session:
        days_recorded = fail_unfinished_partitions(session)
        to_read, unchanged = plan_inbox(session, settings.inbox, reread)
        logger.info("inbox: %d files to read, %d unchanged", len(to_read), len(unchanged))
        batches = read_in_batches(
            to_read, unchanged,
            limits=ReadLimits.from_settings(settings),
            quarantine_dir=settings.resolved_quarantine_dir,
            batch_records=settings.load_batch_articles,
        )
        progress = RunProgress(len(to_read), sum(e.size_bytes or 0 for e in to_read))
        reference: ReferenceData | None = None
        detector = LanguageDetector(settings.detect_languages)
        with ner_tagger(settings) as ner:
            # Batch k is tagged by the workers while batch k+1 is read and decided and
            # batch k-1 is loaded, so NER (the one unavoidable cost) never waits on us.
            # Bulky parameters are quoted: Prefect would walk every file entry and every
            # reference-data key on each task call, looking for futures (~0.3 s a batch).
            previous = None
            in_flight = pl.DataFrame(schema=EXISTING_SCHEMA)
            earlier_parts = pl.DataFrame(schema=RECORD_OUTCOME_SCHEMA)
            read_next = read_batch.with_options(
                timeout_seconds=settings.read_batch_timeout_seconds)
            while (files := read_next(quote(batches))) is not None:
                decision = decide_batch(session, quote(files), rules, in_flight,
                                        quote(earlier_parts), quote(detector))
                # A file split across batches gets its row, counts and retirements with
                # its last part, which must know the outcomes of all the others.
                earlier_parts = (decision.file_outcomes.filter(
                    pl.col("file_path") == files.continued) if files.continued
                    else earlier_parts.clear())
                progress.files_read(files.read_count, files.read_bytes)
                pending = ner.submit(decision.to_load.select("article_id", "text").rows(),
                                     decision.to_load.get_column("language").to_list())
                if reference is None and not decision.to_load.is_empty():
                    # Read once the workers have work, and never by a run with nothing new.
                    reference = reference_data(settings.resolved_reference_cache_dir)
                if previous is not None:
                    _count_loaded(session, progress, load_decided_batch(session, *previous))
                in_flight = decision.to_load.select(list(EXISTING_SCHEMA))
                previous = (quote(files), quote(decision), quote(pending), quote(reference),
                            settings.date_order)
            if previous is not None:
                _count_loaded(session, progress, load_decided_batch(session, *previous))
        progress.close()
        check_run(session)
        days_recorded += mark_built_partitions(session)
        report_path = settings.resolved_published_warehouse.with_name("report.html")
        skipped = skipped_steps(
            nothing_changed(session.counts, days_recorded=days_recorded,
                            migrated=session.migrated, versions=run.versions,
                            previous=previous_run(session.connection, run.run_id)),
            settings.resolved_published_warehouse, report_path, settings.freshness_max_hours)
        session.publish = PUBLISH not in skipped
        summary_markdown = summarize_run(session, report_path, settings.warehouse_target.is_lake)
        ignored = ignored_fields_line(run_ignored_fields(session.connection, run.run_id))
    skipped_line = (f"{', '.join(skipped)}: nothing changed since the last run"
                    if skipped else None)
    basis = BuildBasis(run.versions, rules)
    if REPORT not in skipped:
        write_run_report(settings.analyst_target, report_path, basis,
                         settings.analyst_memory_limit, settings.analyst_threads)
    if skipped:
        summary_markdown += f"\n\nSkipped: {skipped_line}.\n"
        logger.info("skipped %s", skipped_line)
    publish_run_artifact(summary_markdown, run.run_kind)
    if PARTITION_ARTIFACT not in skipped:
        publish_partition_artifact(settings.analyst_target, basis, run.run_kind,
                                   settings.analyst_memory_limit, settings.analyst_threads)
    logger.info("run %s: %s", run.run_id, asdict(session.counts))
    return RunSummary(run.run_id, "succeeded", session.seconds, asdict(session.counts),
                      settings.warehouse_target.describe(), ignored, skipped_line)



def nightly_flow(settings: Settings) -> Flow[..., RunSummary]:
    """The nightly flow with the task runner `settings` need: a DaskTaskRunner when
    `NEWSETL_NER_EXECUTOR=dask` (a flow's task runner is fixed before it starts)."""
    runner = task_runner_for(settings)
    return nightly if runner is None else nightly.with_options(task_runner=runner)
