"""What a backfill did (or, in a dry run, would do) to each day: the flow's result."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from newsetl.transforms.display import display_text
from newsetl.transforms.ledger.backfill_chunks import chunk_count, range_days
from newsetl.transforms.ledger.partition_selection import BackfillMode


class DayOutcome(BaseModel):
    """One publication day of a backfill."""

    published_date: date
    status: str = Field(description="succeeded | failed | planned (dry run)")
    reason: str = Field(description="Why the mode selected the day.")
    articles: int = Field(description="Articles rebuilt (planned: in the raw layer).")
    entity_mentions: int = 0
    date_mentions: int = 0
    seconds: float = 0.0
    error: str | None = None


class BackfillResult(BaseModel):
    """The per-day outcome of one backfill."""

    start_date: date
    end_date: date
    mode: BackfillMode
    dry_run: bool
    chunk_days: int | None = Field(default=None, description="Most days a chunk rebuilds "
                                   "(NEWSETL_BACKFILL_CHUNK_DAYS of the run).")
    run_ids: list[str] = Field(default_factory=list, description="etl_run of each chunk "
                               "of a real (not dry) run, in date order.")
    days: list[DayOutcome] = Field(default_factory=list)

    @property
    def failed_days(self) -> list[DayOutcome]:
        """The days whose rebuild failed."""
        return [day for day in self.days if day.status == "failed"]

    @property
    def articles(self) -> int:
        """Articles of the days (planned: in the raw layer; else rebuilt)."""
        return sum(day.articles for day in self.days)

    def summary(self) -> str:
        """One line: what was asked and how it ended; for a dry run, how many days, articles
        and chunks a real run would rebuild."""
        asked = f"backfill {self.mode.value} {self.start_date}..{self.end_date}"
        if self.dry_run:
            span = range_days(self.start_date, self.end_date)
            chunks = "" if self.chunk_days is None or not self.days else (
                f" in {chunk_count(len(self.days), self.chunk_days)} chunk(s) of at most "
                f"{self.chunk_days} days")
            return (f"{asked} (dry run, a range of {span:,} days): would rebuild "
                    f"{len(self.days):,} day(s) with {self.articles:,} article(s){chunks}; "
                    "nothing changed")
        built = len(self.days) - len(self.failed_days)
        return f"{asked}: {built} day(s) rebuilt, {len(self.failed_days)} failed"

    def markdown(self) -> str:
        """A markdown table with one row per day (the flow run's artifact)."""
        lines = [
            f"**{self.summary()}**", "",
            "| day | status | articles | entity mentions | date mentions | seconds | reason "
            "| error |",
            "|---|---|---:|---:|---:|---:|---|---|",
        ]
        for day in self.days:
            cells = [day.published_date.isoformat(), day.status, str(day.articles),
                     str(day.entity_mentions), str(day.date_mentions), f"{day.seconds:.1f}",
                     day.reason, day.error or ""]
            lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
        if not self.days:
            lines.append("| – | nothing to rebuild | 0 | 0 | 0 | 0.0 | | |")
        return "\n".join(lines)


def _cell(text: str) -> str:
    return display_text(text.replace("\n", " ")).replace("|", "\\|")[:300]
