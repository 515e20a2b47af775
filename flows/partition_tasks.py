"""Prefect tasks over publication days: record a nightly run's days, plan a backfill,
rebuild one day. A day's failure is recorded and returned, never raised, so the other days
of a backfill still run; no task retries (an error at COMMIT may still have committed)."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

import duckdb
import polars as pl
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from newsetl.analyst.report.partition_facts import backfill_facts
from newsetl.flows.decisions import with_article_languages
from newsetl.flows.loading import replace_day
from newsetl.flows.mentions import tagged_mentions
from newsetl.flows.stories import story_frames
from newsetl.nlp.language import LanguageDetector
from newsetl.nlp.pool import PendingSpans
from newsetl.transforms.articles.batch import RecordRules, prepare_records, star_rows
from newsetl.transforms.entities.reference import ReferenceData
from newsetl.transforms.ledger.partition_rows import (
    PartitionBuild,
    failed_rows,
    partition_rows,
    raw_records,
    raw_versions,
)
from newsetl.transforms.ledger.partition_selection import (
    BackfillMode,
    select_days,
)
from newsetl.warehouse.connection import transaction
from newsetl.warehouse.partitions import (
    day_raw_articles,
    day_totals,
    reconcilable_days,
    record_partitions,
    run_days,
    unfinished_days,
)
from newsetl.warehouse.rebuild import DayRebuild
from newsetl.warehouse.runs import RunRecord, RunVersions
from newsetl.warehouse.session import WriterSession

from .backfill_result import DayOutcome
from .dask_ner import NerTagger


@dataclass
class BackfillPlan:
    """The days to rebuild (`SELECTED_DAY_SCHEMA`) and where orphans go (article_id, day)."""

    days: pl.DataFrame
    orphans: pl.DataFrame

    def orphan_ids(self, published_date: date) -> list[str]:
        """Orphan articles placed on one day."""
        return self.orphans.filter(pl.col("published_date") == published_date)[
            "article_id"].to_list()


def partition_build(run: RunRecord, status: str, reason: str | None,
                    started_at: datetime | None = None) -> PartitionBuild:
    """Who builds a day: `run`, with its versions."""
    versions = run.versions
    return PartitionBuild(status, reason, versions.newsetl_version, versions.model_name,
                          versions.model_version, versions.rules_version, run.run_id,
                          run.run_kind, started_at=started_at or datetime.now(UTC))


@task(cache_policy=NO_CACHE)
def fail_unfinished_partitions(session: WriterSession) -> int:
    """Record as failed every day a dead or failed run left unfinished (at the start of a
    writer session, before this run builds anything); returns how many days."""
    connection = session.connection
    unfinished = unfinished_days(connection)
    if unfinished.is_empty():
        return 0
    with transaction(connection):
        totals = day_totals(connection, unfinished["published_date"].to_list())
        record_partitions(connection, failed_rows(unfinished, totals, datetime.now(UTC)))
    get_run_logger().warning("marked %d unfinished day(s) as failed", unfinished.height)
    return unfinished.height


@task(cache_policy=NO_CACHE)
def mark_built_partitions(session: WriterSession) -> int:
    """Record the publication days this (nightly) run put articles on as built, and the
    days an earlier nightly run committed before it was interrupted (now complete: this run
    read every file that run had not committed); returns how many days."""
    connection, run = session.connection, session.run
    finished_at = datetime.now(UTC)
    days = run_days(connection, run.run_id)
    reconciled = [day for day in reconcilable_days(connection, run.run_id) if day not in days]
    built = replace(partition_build(run, "succeeded", f"{run.run_kind}: new or changed "
                                    "articles", run.started_at), finished_at=finished_at)
    completed = replace(partition_build(
        run, "succeeded", f"{run.run_kind}: committed by an interrupted nightly run, "
        "complete after this run", run.started_at), finished_at=finished_at)
    with transaction(connection):
        for chosen, build in ((days, built), (reconciled, completed)):
            if chosen:
                record_partitions(connection,
                                  partition_rows(day_totals(connection, chosen), build))
    if reconciled:
        get_run_logger().info("%d day(s) left failed by an interrupted nightly run are "
                              "complete: recorded succeeded (%s)", len(reconciled),
                              ", ".join(str(day) for day in reconciled))
    return len(days) + len(reconciled)


@task(cache_policy=NO_CACHE)
def plan_backfill(connection: duckdb.DuckDBPyConnection, start_date: date, end_date: date,
                  mode: BackfillMode, versions: RunVersions, rules: RecordRules) -> BackfillPlan:
    """The days of the range `mode` selects, with their article counts and reasons."""
    facts, placed = backfill_facts(connection, versions, rules, start_date, end_date)
    return BackfillPlan(select_days(facts, mode), placed)


def rebuild_day(session: WriterSession, day: dict[str, Any], orphan_ids: list[str],
                ner: NerTagger, reference: ReferenceData, rules: RecordRules,
                detector: LanguageDetector | None = None) -> DayOutcome:
    """Rebuild one day's star rows from the raw layer in one transaction and record it.

    The day's articles are tagged between its two tasks, from the flow: a task submitted to
    Dask from inside another task carries that task's parameters along (the writer's
    connection, which cannot travel)."""
    published_date, started = day["published_date"], time.monotonic()
    build = partition_build(session.run, "running", day["reason"])
    try:
        # quoted: Prefect would walk every reference-data key and every row on each call
        raw, articles = read_day(session, day, build, quote(orphan_ids), rules,
                                 quote(detector))
        pending = ner.submit(articles.select("article_id", "text").rows(),
                             articles.get_column("language").to_list())
        row = load_day(session, day, build, quote(raw), quote(articles), quote(pending),
                       quote(reference), rules)
    except Exception as error:
        message = f"{type(error).__name__}: {error}"
        get_run_logger().error("day %s failed: %s", published_date, message)
        failed = replace(build, status="failed", error=message, finished_at=datetime.now(UTC))
        connection = session.connection
        with transaction(connection):
            record_partitions(connection,
                              partition_rows(day_totals(connection, [published_date]), failed))
        return DayOutcome(published_date=published_date, status="failed", reason=day["reason"],
                          articles=0, seconds=time.monotonic() - started, error=message)
    return DayOutcome(published_date=published_date, status="succeeded", reason=day["reason"],
                      articles=row["articles"], entity_mentions=row["entity_mentions"],
                      date_mentions=row["date_mentions"], seconds=time.monotonic() - started)


@task(cache_policy=NO_CACHE, task_run_name="read-{day[published_date]}")
def read_day(session: WriterSession, day: dict[str, Any], build: PartitionBuild,
             orphan_ids: list[str], rules: RecordRules,
             detector: LanguageDetector | None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Record the day as being rebuilt; its raw articles, and the same through the record
    stages (and language detection), ready to tag."""
    connection, published_date = session.connection, day["published_date"]
    record_partitions(connection, partition_rows(day_totals(connection, [published_date]), build))
    get_run_logger().info("day %s: rebuilding %d article(s): %s", published_date,
                          day["articles"], day["reason"])
    raw = day_raw_articles(connection, published_date, orphan_ids)
    articles = _prepared(raw, rules)
    return raw, articles if detector is None else with_article_languages(articles, detector)


@task(cache_policy=NO_CACHE, task_run_name="rebuild-{day[published_date]}")
def load_day(session: WriterSession, day: dict[str, Any], build: PartitionBuild,
             raw: pl.DataFrame, articles: pl.DataFrame, pending: PendingSpans,
             reference: ReferenceData, rules: RecordRules) -> dict[str, Any]:
    """The day's star rows from its tagged articles, replacing the old ones in one
    transaction; returns the day's recorded counts."""
    connection, run_id = session.connection, session.run.run_id
    mentions = tagged_mentions(articles, pending, reference, rules.date_order).mentions
    star = star_rows(articles, mentions, run_id)
    kept_raw, new_raw = raw_versions(raw, articles, run_id)
    replaced = articles.select("article_id", "article_key")
    stories = story_frames(connection, star.dim_article, replaced, run_id)
    rebuild = DayRebuild(day["published_date"], replaced, kept_raw, new_raw, vars(star) | stories)
    return replace_day(connection, rebuild, build, reference.gazetteer).row(0, named=True)


class DayRebuildError(RuntimeError):
    """A day's raw articles cannot be rebuilt as they are."""


def _prepared(raw: pl.DataFrame, rules: RecordRules) -> pl.DataFrame:
    """The day's raw articles through the record stages; every one must still pass them
    under the same identity, or the day fails (rather than losing an article silently)."""
    prepared = prepare_records(raw_records(raw), rules)
    if not prepared.rejected.is_empty():
        reasons = prepared.rejected.group_by("reason_code").len().rows()
        raise DayRebuildError(f"{prepared.rejected.height} raw article(s) no longer pass the "
                              f"record rules: {dict(reasons)}")
    lost = set(raw["article_id"]) - set(prepared.valid["article_id"])
    if lost:
        raise DayRebuildError(f"{len(lost)} raw article(s) get another identity under the "
                              f"current rules, e.g. {sorted(lost)[:3]}")
    return prepared.valid
