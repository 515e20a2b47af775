"""Freshness of the published warehouse: is the nightly run keeping it up to date?

Read from the published copy, or a DuckLake warehouse's last snapshot (what analysts see;
readable while a run writes). Two
promises: a nightly run succeeded within `max_hours` (26 by default: a 24-hour schedule and
two hours of slack), and the newest publication day is at most `max_day_lag` days old.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from newsetl.settings import WarehouseTarget
from newsetl.warehouse.backend import as_target
from newsetl.warehouse.readonly import connect_analyst
from newsetl.warehouse.sql_files import read_sql


@dataclass(frozen=True)
class Freshness:
    """What the published copy says, and every promise it breaks (empty: fresh)."""

    published: Path | WarehouseTarget
    last_nightly_at: datetime | None
    newest_published_date: date | None
    problems: list[str] = field(default_factory=list)

    def text(self) -> str:
        """Lines for a terminal: the facts, then OK or each problem."""
        nightly = (self.last_nightly_at.astimezone(UTC).isoformat(timespec="seconds")
                   if self.last_nightly_at else "never")
        lines = [f"published warehouse:      {as_target(self.published).describe()}",
                 f"last successful nightly:  {nightly}",
                 f"newest publication day:   {self.newest_published_date or 'none'}"]
        lines += [f"STALE: {problem}" for problem in self.problems] or ["OK: fresh"]
        return "\n".join(lines)


def check_freshness(published: Path | WarehouseTarget, max_hours: float, max_day_lag: int,
                    timeout_seconds: float = 30.0, now: datetime | None = None) -> Freshness:
    """Read the published copy at `published` and judge it against the two promises."""
    now = now or datetime.now(UTC)
    session = connect_analyst(published, timeout_seconds)
    try:
        result = session.query(read_sql("status/select_freshness.sql"))
    finally:
        session.close()
    last_nightly_at, newest = result.rows[0]
    problems = []
    if last_nightly_at is None:
        problems.append("no nightly run has succeeded")
    elif now - last_nightly_at > timedelta(hours=max_hours):
        age = (now - last_nightly_at).total_seconds() / 3600
        problems.append(f"no nightly run succeeded in the last {max_hours:g} h (the last "
                        f"one finished {age:.1f} h ago; NEWSETL_FRESHNESS_MAX_HOURS)")
    if newest is None:
        problems.append("no article is published")
    elif (now.date() - newest).days > max_day_lag:
        problems.append(f"the newest publication day, {newest}, is {(now.date() - newest).days} "
                        f"days old (more than {max_day_lag}; NEWSETL_FRESHNESS_MAX_DAY_LAG)")
    return Freshness(published, last_nightly_at, newest, problems)
