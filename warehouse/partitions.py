"""`etl_partition`: the recorded state of each publication day, read and written here.

Writes never open a transaction of their own: a backfill records a day's success in the
transaction that rebuilds it; the callers below that stand alone wrap their own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from newsetl.settings import WarehouseTarget
from newsetl.transforms.schemas import DAY_FACT_SCHEMA, DAY_TOTALS_SCHEMA
from newsetl.warehouse.backend import as_target, connect_reader, warehouse_exists, writer_guard
from newsetl.warehouse.runs import RunVersions
from newsetl.warehouse.sql_files import read_sql
from newsetl.warehouse.staging import staged


@contextmanager
def locked_reader(warehouse: Path | WarehouseTarget, purpose: str,
                  lock_timeout_seconds: float) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """A read-only connection taken under the writer lock, so the state read is not being
    written meanwhile (a dry run); None when the warehouse does not exist yet."""
    target = as_target(warehouse)
    with writer_guard(target, purpose, lock_timeout_seconds):
        if not warehouse_exists(target):
            yield None
            return
        connection = connect_reader(target)
        try:
            yield connection
        finally:
            connection.close()


def record_partitions(connection: duckdb.DuckDBPyConnection, rows: pl.DataFrame) -> None:
    """Upsert `etl_partition` rows; finished ones are also appended to the history."""
    if rows.is_empty():
        return
    with staged(connection, {"partition": rows}):
        connection.execute(read_sql("partitions/upsert_etl_partition.sql"))
        connection.execute(read_sql("partitions/insert_etl_partition_history.sql"))


def day_totals(connection: duckdb.DuckDBPyConnection, days: Sequence[date]) -> pl.DataFrame:
    """Articles, entity and date mentions in the star per day (`DAY_TOTALS_SCHEMA`)."""
    frame = pl.DataFrame({"published_date": list(days)}, schema={"published_date": pl.Date()})
    with staged(connection, {"day": frame}):
        totals = connection.sql(read_sql("partitions/select_day_totals.sql")).pl()
    return totals.cast(DAY_TOTALS_SCHEMA)  # type: ignore[arg-type]


def run_days(connection: duckdb.DuckDBPyConnection, run_id: str) -> list[date]:
    """The publication days a run put articles on."""
    rows = connection.execute(read_sql("partitions/select_run_days.sql"),
                              {"run_id": run_id}).fetchall()
    return [day for (day,) in rows]


def unfinished_days(connection: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Days a dead or failed run left unfinished, with that run (see the SQL file)."""
    return connection.sql(read_sql("partitions/select_unfinished_days.sql")).pl()


def reconcilable_days(connection: duckdb.DuckDBPyConnection, run_id: str) -> list[date]:
    """Days recorded `failed` by an earlier nightly run that did not finish, whose articles
    that run committed are in the star (see the SQL file); `run_id` is the run asking."""
    rows = connection.execute(read_sql("partitions/select_reconcilable_days.sql"),
                              {"run_id": run_id}).fetchall()
    return [day for (day,) in rows]


def day_facts(connection: duckdb.DuckDBPyConnection, start_date: date, end_date: date,
              versions: RunVersions) -> pl.DataFrame:
    """What modes choose days by, per day of the range (`DAY_FACT_SCHEMA`, no orphans)."""
    parameters = {"start_date": start_date, "end_date": end_date,
                  "newsetl_version": versions.newsetl_version, "model_name": versions.model_name,
                  "model_version": versions.model_version,
                  "rules_version": versions.rules_version}
    facts = connection.sql(read_sql("partitions/select_day_facts.sql"), params=parameters).pl()
    return facts.cast(DAY_FACT_SCHEMA)  # type: ignore[arg-type]


def orphan_raw_articles(connection: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Current raw articles that have no star rows."""
    return connection.sql(read_sql("partitions/select_orphan_raw_articles.sql")).pl()


def day_raw_articles(connection: duckdb.DuckDBPyConnection, published_date: date,
                     orphan_ids: Sequence[str]) -> pl.DataFrame:
    """The current raw version of each article of a day, plus the given orphans."""
    orphans = pl.DataFrame({"article_id": list(orphan_ids)}, schema={"article_id": pl.String()})
    with staged(connection, {"orphan": orphans}):
        return connection.sql(read_sql("partitions/select_day_raw_articles.sql"),
                              params={"published_date": published_date}).pl()
