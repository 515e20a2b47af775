"""What a run that changed nothing (an unchanged rerun) may skip, and why it may
(docs/operations.md, "A run that changed nothing")."""

from __future__ import annotations

import time
from pathlib import Path

from newsetl.warehouse.runs import RunCounts, RunVersions

REPORT = "HTML report"
PARTITION_ARTIFACT = "partition artifact"
PUBLISH = "publish copy"


def nothing_changed(counts: RunCounts, *, days_recorded: int, migrated: bool,
                    previous: tuple[str, RunVersions] | None, versions: RunVersions) -> bool:
    """True when every file seen was unchanged and nothing else moved since the last
    published copy: no article retired, no publication day recorded (built, failed or
    reconciled), no migration applied, and the run before this one `succeeded` (it
    published, or itself changed nothing) with the same versions (a new model or rules
    change which days the report calls stale)."""
    return (
        counts.files_seen == counts.files_unchanged
        and counts.articles_retired == 0
        and days_recorded == 0
        and not migrated
        and previous == ("succeeded", versions)
    )


def skipped_steps(unchanged: bool, published: Path, report: Path,
                  freshness_max_hours: float) -> tuple[str, ...]:
    """The steps an unchanged run leaves out: the report and the partition artifact while
    the report is there and was written after the published copy (a report older than the
    copy is one whose writing failed after its run published: it is written again); the
    publish copy while the copy is there and younger than half of
    NEWSETL_FRESHNESS_MAX_HOURS (its etl_run rows are what `newsetl status` judges, so it is
    published again before a monitor could call a warehouse whose runs succeed stale)."""
    if not unchanged:
        return ()
    published_at = _modified(published)
    report_at = _modified(report)
    report_current = report_at is not None and (published_at is None or report_at >= published_at)
    skipped: tuple[str, ...] = (REPORT, PARTITION_ARTIFACT) if report_current else ()
    if published_at is None:  # never published (or a lake: nothing to copy)
        return skipped
    age_hours = (time.time() - published_at) / 3600
    return (*skipped, PUBLISH) if age_hours < freshness_max_hours / 2 else skipped


def _modified(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return None
