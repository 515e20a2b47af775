"""Tasks that show a run to people: the published copy, the HTML report, the artifact."""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from pathlib import Path

from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from newsetl.analyst.report.partition_facts import BuildBasis
from newsetl.analyst.report.run_summary import run_summary
from newsetl.settings import Settings, WarehouseTarget
from newsetl.warehouse.publish import PublishResult, publish
from newsetl.warehouse.readonly import connect_analyst
from newsetl.warehouse.runs import RunRecord
from newsetl.warehouse.session import WriterSession, writer_session

log = logging.getLogger(__name__)


@task(cache_policy=NO_CACHE)
def publish_warehouse(warehouse: Path, published_path: Path) -> PublishResult:
    """Replace the analysts' read-only copy with a copy of the closed writer file."""
    result = publish(warehouse, published_path)
    log.info(
        "published %.0f MB by %s in %.2f s (%s)", result.size_bytes / 1e6, result.method,
        result.seconds,
        ", ".join(f"{step} {seconds:.2f} s" for step, seconds in result.step_seconds.items()))
    return result


def publishing_writer_session(settings: Settings,
                              run: RunRecord) -> AbstractContextManager[WriterSession]:
    """The run's writer session; once it has closed the writer file, still under the writer
    lock, the file is published for analysts. A DuckLake warehouse publishes nothing:
    analysts read its committed snapshots (`Settings.analyst_target`)."""
    target = settings.warehouse_target
    if target.is_lake:
        return writer_session(target, run, settings.writer_lock_timeout_seconds,
                              memory_limit=settings.writer_memory_limit)
    return writer_session(
        target, run, settings.writer_lock_timeout_seconds,
        after_close=lambda: publish_warehouse(settings.warehouse,
                                              settings.resolved_published_warehouse),
        memory_limit=settings.writer_memory_limit,
    )


# What a run on DuckLake says instead of publishing a copy.
LAKE_PUBLISH_NOTE = ("Publish: none on DuckLake (nothing to copy): analysts read the lake's "
                     "committed snapshots, this run's as soon as it commits.")


@task(cache_policy=NO_CACHE)
def summarize_run(session: WriterSession, report_path: Path, is_lake: bool = False) -> str:
    """The run's markdown summary: counts by outcome, top entities, quarantine by reason
    (and, on DuckLake, that nothing is published)."""
    summary = run_summary(session.connection, session.run.run_id,
                          report_link=report_path.as_uri())
    return f"{summary.rstrip()}\n\n{LAKE_PUBLISH_NOTE}\n" if is_lake else summary


@task(cache_policy=NO_CACHE, retries=1)
def write_run_report(published_path: Path | WarehouseTarget, report_path: Path,
                     basis: BuildBasis,
                     memory_limit: str | None = None, threads: int | None = None) -> Path:
    """Write the self-contained HTML report from the published copy (an analyst session,
    with the analysts' memory limit and threads)."""
    from newsetl.analyst.report.page import write_report  # only when drawn

    return write_report(published_path, report_path, basis, memory_limit=memory_limit,
                        threads=threads)


@task(cache_policy=NO_CACHE)
def publish_run_artifact(markdown: str, run_kind: str) -> None:
    """Attach the summary to the flow run in the Prefect UI."""
    create_markdown_artifact(markdown=markdown, key=f"newsetl-{run_kind}-summary",
                             description=f"newsetl {run_kind} run summary")


@task(cache_policy=NO_CACHE)
def publish_partition_artifact(published_path: Path | WarehouseTarget, basis: BuildBasis,
                               run_kind: str,
                               memory_limit: str | None = None,
                               threads: int | None = None) -> None:
    """Attach the state of each publication day (the report's partition table: the days a
    backfill would rebuild, with their reasons) to the flow run as a table artifact."""
    # The report's section module, with its charts: only when published.
    from newsetl.analyst.report.partitions import partition_artifact, partition_days

    with connect_analyst(published_path, 120.0, memory_limit, threads) as session:
        days = partition_days(session.connection, basis)
    rows, description = partition_artifact(days)
    create_table_artifact(table=rows, key=f"newsetl-{run_kind}-partitions",
                          description=description)
