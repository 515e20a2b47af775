"""What an unchanged run may skip (flows/unchanged.py): only when nothing moved since a
run that succeeded with the same versions, and the publish copy only while the copy is
younger than half of the freshness window `newsetl status` judges."""

from __future__ import annotations

import os
import time
from pathlib import Path

from newsetl.flows.unchanged import (
    PARTITION_ARTIFACT,
    PUBLISH,
    REPORT,
    nothing_changed,
    skipped_steps,
)
from newsetl.warehouse.runs import RunCounts, RunVersions

VERSIONS = RunVersions("1.0", "en_core_web_sm", "3.8.0", "7")
UNCHANGED = RunCounts(files_seen=3, files_unchanged=3)


def _changed(counts: RunCounts = UNCHANGED, **overrides: object) -> bool:
    arguments = {"days_recorded": 0, "migrated": False, "versions": VERSIONS,
                 "previous": ("succeeded", VERSIONS)} | overrides
    return not nothing_changed(counts, **arguments)  # type: ignore[arg-type]


def test_a_run_that_only_saw_unchanged_files_after_a_success_changed_nothing():
    assert not _changed()
    assert not _changed(RunCounts())  # an empty inbox


def test_any_movement_or_an_unpublished_or_different_previous_run_counts_as_a_change():
    assert _changed(RunCounts(files_seen=3, files_unchanged=2, files_loaded=1))
    assert _changed(RunCounts(files_seen=3, files_unchanged=2, files_quarantined=1))
    assert _changed(RunCounts(files_seen=3, files_unchanged=3, articles_retired=1))
    assert _changed(days_recorded=1)
    assert _changed(migrated=True)
    assert _changed(previous=None)
    assert _changed(previous=("publish_failed", VERSIONS))
    assert _changed(previous=("failed", VERSIONS))
    assert _changed(previous=("succeeded", RunVersions("1.0", "en_core_web_sm", "3.8.0", "8")))


def test_skips_need_the_report_and_a_young_enough_published_copy(tmp_path: Path):
    published, report = tmp_path / "w.duckdb", tmp_path / "report.html"
    assert skipped_steps(True, published, report, 26.0) == ()
    published.write_bytes(b"copy")
    report.write_text("report")
    assert skipped_steps(True, published, report, 26.0) == (REPORT, PARTITION_ARTIFACT, PUBLISH)
    assert skipped_steps(False, published, report, 26.0) == ()
    twelve_hours_ago = time.time() - 12 * 3600
    os.utime(published, (twelve_hours_ago, twelve_hours_ago))
    assert skipped_steps(True, published, report, 26.0) == (REPORT, PARTITION_ARTIFACT, PUBLISH)
    assert skipped_steps(True, published, report, 20.0) == (REPORT, PARTITION_ARTIFACT)
    report.unlink()
    assert skipped_steps(True, published, report, 26.0) == (PUBLISH,)


def test_a_report_older_than_the_published_copy_is_written_again(tmp_path: Path):
    """The run before published, then failed to write its report: the old report stays
    behind, and the next unchanged run must not take it for current."""
    published, report = tmp_path / "w.duckdb", tmp_path / "report.html"
    report.write_text("the report of an older copy")
    published.write_bytes(b"copy")
    an_hour_ago = time.time() - 3600
    os.utime(report, (an_hour_ago, an_hour_ago))
    assert skipped_steps(True, published, report, 26.0) == (PUBLISH,)
    os.utime(report, None)  # written after the copy, as a run that succeeded writes it
    assert skipped_steps(True, published, report, 26.0) == (REPORT, PARTITION_ARTIFACT, PUBLISH)


def test_without_a_published_copy_the_report_alone_decides(tmp_path: Path):
    """A lake publishes no copy: the report is skipped while it exists."""
    published, report = tmp_path / "absent.duckdb", tmp_path / "report.html"
    assert skipped_steps(True, published, report, 26.0) == ()
    report.write_text("report")
    assert skipped_steps(True, published, report, 26.0) == (REPORT, PARTITION_ARTIFACT)
