"""Whether a run changed nothing the published copy, its report and its partition artifact
show, so it may skip rebuilding them (docs/operations.md, "A run that changed nothing")."""

from __future__ import annotations

from pathlib import Path

from newsetl.warehouse.runs import RunCounts, RunVersions

SKIPPED_WHEN_UNCHANGED = "publish copy, HTML report, partition artifact"


def nothing_changed(counts: RunCounts, *, days_recorded: int, migrated: bool,
                    previous: tuple[str, RunVersions] | None, versions: RunVersions,
                    published: Path, report: Path) -> bool:
    """True when every file seen was unchanged and nothing else moved since the last
    published copy: no article retired, no publication day recorded (built, failed or
    reconciled), no migration applied; the run before this one `succeeded` (so it
    published, or itself changed nothing) with the same versions (a new model or rules
    would change which days the report calls stale); and the published copy and the
    report are still there."""
    return (
        counts.files_seen == counts.files_unchanged
        and counts.articles_retired == 0
        and days_recorded == 0
        and not migrated
        and previous is not None
        and previous == ("succeeded", versions)
        and published.is_file()
        and report.is_file()
    )
