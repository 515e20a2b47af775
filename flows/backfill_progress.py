"""What a running backfill shows in the Prefect UI (flow run → Artifacts): a progress
artifact moved after every day, a table artifact of each chunk's days as the chunk ends,
and, at the end (also when stopped), the table of every day under `backfill-days`."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from prefect.artifacts import (
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)

from newsetl.transforms.ledger.backfill_chunks import Chunk, percent_done

from .backfill_result import BackfillResult, DayOutcome

PROGRESS_KEY = "backfill-progress"
DAYS_KEY = "backfill-days"
_TEXT_CHARS = 300


def day_rows(days: list[DayOutcome]) -> list[dict[str, Any]]:
    """One table row per day (JSON values; long errors cut)."""
    return [{**day.model_dump(mode="json"), "seconds": round(day.seconds, 2),
             "error": (day.error or "")[:_TEXT_CHARS]} for day in days]


class BackfillProgress:
    """The live view of one backfill; each call is one request to the Prefect API."""

    def __init__(self, result: BackfillResult) -> None:
        self._result = result
        self._chunks = 0
        self._artifact_id: UUID = create_progress_artifact(
            0.0, key=PROGRESS_KEY, description=f"{result.summary()}: planning")

    def chunk_started(self, chunk: Chunk) -> str:
        """Count a chunk; returns its label for logs and tables."""
        self._chunks += 1
        first, last = chunk.days["published_date"][0], chunk.days["published_date"][-1]
        return (f"chunk {self._chunks} ({first}..{last}, {chunk.days.height} day(s); "
                f"{chunk.remaining} left after it)")

    def day_done(self, day: DayOutcome, left: int) -> None:
        """After each day: the share of the days taken so far that are behind."""
        result = self._result
        update_progress_artifact(self._artifact_id, percent_done(len(result.days), left),
                                 description=f"{day.published_date} {day.status}; "
                                 f"{left} day(s) left — {result.summary()}")

    def finish(self) -> None:
        """At the end: all done."""
        update_progress_artifact(self._artifact_id, 100.0, description=self._result.summary())

    def chunk_done(self, label: str, days: list[DayOutcome]) -> None:
        """After each chunk: a table of its days."""
        failed = sum(day.status == "failed" for day in days)
        create_table_artifact(day_rows(days), description=(
            f"{label}: {len(days) - failed} day(s) rebuilt, {failed} failed"))


def days_table(result: BackfillResult, stopped: str | None = None) -> None:
    """The table of every day under the `backfill-days` key (a dry run's too); `stopped`
    says where a backfill that did not reach its end stopped."""
    rows = day_rows(result.days) or [{"published_date": None, "status": "nothing to do"}]
    create_table_artifact(rows, key=DAYS_KEY, description=stopped or result.summary())
