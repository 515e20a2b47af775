"""Data checks: each `sql/checks/*.sql` returns the bad rows of one run; any row fails it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

import duckdb

from newsetl.warehouse.sql_files import list_sql, read_sql


@dataclass(frozen=True)
class CheckFailure:
    """A check that returned rows, with a few of them."""

    check: str
    bad_rows: int
    sample: list[tuple[object, ...]]


class DataCheckError(RuntimeError):
    """One or more data checks returned bad rows."""

    def __init__(self, failures: list[CheckFailure]) -> None:
        self.failures = failures
        lines = [f"{f.check}: {f.bad_rows} bad rows, e.g. {f.sample[:3]}" for f in failures]
        super().__init__("data checks failed:\n" + "\n".join(lines))


def run_checks(connection: duckdb.DuckDBPyConnection, run_id: str) -> list[str]:
    """Run every check for `run_id`; raise `DataCheckError` if any returns rows.

    Returns the names of the checks that passed.
    """
    failures: list[CheckFailure] = []
    passed: list[str] = []
    for path in list_sql("checks"):
        name = PurePosixPath(path).stem
        rows = connection.execute(read_sql(path), {"run_id": run_id}).fetchall()
        if rows:
            failures.append(CheckFailure(name, len(rows), rows[:5]))
        else:
            passed.append(name)
    if failures:
        raise DataCheckError(failures)
    return passed
