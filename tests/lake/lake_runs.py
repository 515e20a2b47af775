"""`newsetl` processes on a PostgreSQL-catalog lake, and what the tests read back from it."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from newsetl.settings import WarehouseTarget
from newsetl.warehouse.backend import connect_reader
from newsetl.warehouse.checks import run_checks
from tests.conftest import REPO, WIKINEWS_SAMPLE
from tests.integration.service_data import DAYS

NEWSETL = Path(sys.executable).parent / "newsetl"
NEW_PER_DAY = 2
FIRST_NEW_DAY = date(2024, 4, 1)
# The backfill rebuilds two of the inbox's three days (each day costs a rebuild and its checks).
OLD_START, OLD_END = DAYS[0].isoformat(), DAYS[1].isoformat()


@dataclass(frozen=True)
class Lake:
    """One test's PostgreSQL-catalog lake, its inbox, and the environment pointing at both."""

    target: WarehouseTarget
    inbox: Path
    env: dict[str, str]

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen([str(NEWSETL), *args], cwd=REPO, env=self.env, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def newsetl(self, *args: str) -> str:
        return finish(self.start(*args))

    def waits(self) -> int:
        """How many times a writer got the catalog's writer lock after waiting for it (the
        log file `newsetl run`/`backfill` append to, beside the warehouse setting's path)."""
        log = self.target.path.parent / "logs" / "newsetl.log"
        return log.read_text(encoding="utf-8").count("got the DuckLake catalog's writer lock")

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        connection = connect_reader(self.target)
        try:
            return connection.execute(sql).fetchall()
        finally:
            connection.close()


def finish(process: subprocess.Popen[str]) -> str:
    """The output of a process that must succeed."""
    output, _ = process.communicate(timeout=600)
    assert process.returncode == 0, f"{process.args} exited {process.returncode}:\n{output}"
    return output


def write_new_days(inbox: Path, race: int) -> dict[date, int]:
    """A new file of Wikinews articles (ones the first inbox did not use) on a new day."""
    lines = WIKINEWS_SAMPLE.read_text(encoding="utf-8").splitlines()
    day = FIRST_NEW_DAY + timedelta(days=race)
    first = len(DAYS) * 2 + race * NEW_PER_DAY
    records = []
    for line in lines[first:first + NEW_PER_DAY]:
        record = json.loads(line)
        record["date"] = day.isoformat()
        records.append(json.dumps(record))
    (inbox / f"new_{race}.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return {day: NEW_PER_DAY}


def articles_per_day(lake: Lake) -> dict[date, int]:
    return dict(lake.rows("select published_date, count(*) from dim_article group by all"))


def facts_per_day(lake: Lake) -> dict[tuple[str, int], int]:
    """Rows of each day-keyed star table per publication day."""
    found = {}
    for table in ("fct_entity_mention", "fct_article_entity", "fct_date_mention"):
        for day, count in lake.rows(f"select published_date_key, count(*) from {table} "
                                    "group by all"):
            found[(table, day)] = count
    return found


def assert_checks_pass(lake: Lake) -> None:
    """Every data check (sql/checks) passes for every run (they carry the keys DuckLake does
    not enforce)."""
    connection = connect_reader(lake.target)
    try:
        for (run_id,) in connection.execute("select run_id from etl_run").fetchall():
            run_checks(connection, run_id)
    finally:
        connection.close()


def all_runs_succeeded(lake: Lake) -> None:
    statuses = lake.rows("select run_kind, status from etl_run")
    assert {status for _, status in statuses} == {"succeeded"}, statuses
