"""The ducklake backend end to end, as users run it: a nightly on a DuckLake warehouse (SQLite
catalog, local data folder), then `newsetl sql` sees its rows while nothing is published,
the checks pass, the marts equal the DuckDB file's for the same inbox, `--at-snapshot` and
`--at` show the state before a second run, search answers, a backfill rebuilds the same
rows, and the analyst lockdown holds."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath

import pytest
from typer.testing import CliRunner

from newsetl.cli import app
from newsetl.flows.backfill import backfill
from newsetl.flows.nightly import nightly
from newsetl.settings import Settings, WarehouseTarget
from newsetl.warehouse.backend import connect_reader
from newsetl.warehouse.checks import run_checks
from newsetl.warehouse.sql_files import list_sql
from tests.conftest import SEED_FILE, WIKINEWS_SLICE

pytestmark = pytest.mark.slow(seconds=90)
# Each mart as a query; `mart_top_entities` is a table macro over a date range.
RUN_LEDGER = ("etl_run", "etl_partition", "etl_partition_history")
MARTS = [f"select * from {PurePosixPath(path).stem}" for path in list_sql("marts")
         if PurePosixPath(path).stem != "mart_top_entities"] + [
    "select * from mart_top_entities(date '1900-01-01', date '2100-01-01')"]


@pytest.fixture
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefect_api: None) -> Path:
    monkeypatch.setenv("NEWSETL_NER_PROCESSES", "1")
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(WIKINEWS_SLICE, folder / "wikinews.jsonl")
    return folder


def _nightly(monkeypatch: pytest.MonkeyPatch, backend: str, inbox: Path,
             warehouse: Path) -> str:
    monkeypatch.setenv("NEWSETL_BACKEND", backend)
    summary = nightly(inbox=str(inbox), warehouse=str(warehouse))
    assert summary.status == "succeeded"
    return summary.run_id


def _star(target: WarehouseTarget) -> dict[str, list[tuple]]:
    """Every table a rebuild may write but the run ledger, without run ids, in order."""
    with connect_reader(target) as connection:
        tables = connection.sql(
            "select table_name, list(column_name) from duckdb_columns() "
            "where database_name = current_database() and schema_name = 'main' "
            "and table_name in (select table_name from duckdb_tables() "
            "    where database_name = current_database()) "
            "group by table_name order by table_name").fetchall()
        return {table: _rounded(connection.sql(
            f"select * exclude (run_id) from {table} order by all" if "run_id" in columns
            else f"select * from {table} order by all").fetchall())
            for table, columns in tables if table not in RUN_LEDGER}


def _star_days(target: WarehouseTarget) -> tuple[date, date]:
    with connect_reader(target) as connection:
        first, last = connection.sql(
            "select min(published_date), max(published_date) from dim_article").fetchone()
    return first, last


def _rounded(rows: list[tuple]) -> list[tuple]:
    """Rows with floats to 9 places: an average's last bits depend on the order DuckDB's
    threads add up, on either backend."""
    return [tuple(round(value, 9) if isinstance(value, float) else value for value in row)
            for row in rows]


def _sql(runner: CliRunner, warehouse: Path, statement: str, *options: str) -> list[str]:
    """`newsetl sql` on the lake's warehouse setting; its CSV lines (exit 0 asserted)."""
    result = runner.invoke(app, ["sql", "--warehouse", str(warehouse), "--format", "csv",
                                 *options, statement])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_a_nightly_on_ducklake_serves_analysts_snapshots_and_equals_the_file(
        inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file_warehouse = tmp_path / "file" / "newsetl.duckdb"
    lake_warehouse = tmp_path / "lake" / "newsetl.duckdb"
    _nightly(monkeypatch, "duckdb", inbox, file_warehouse)
    run_id = _nightly(monkeypatch, "ducklake", inbox, lake_warehouse)
    target = Settings(warehouse=lake_warehouse).warehouse_target
    assert target.is_lake
    assert Path(target.catalog).is_file()
    assert list(Path(target.data_path).rglob("*.parquet"))
    # Nothing is published on DuckLake; the run's report is read from the lake itself.
    assert not (lake_warehouse.parent / "published" / lake_warehouse.name).exists()
    assert (lake_warehouse.parent / "published" / "report.html").is_file()

    with connect_reader(target) as lake, connect_reader(file_warehouse) as file:
        assert sorted(run_checks(lake, run_id)) == sorted(
            PurePosixPath(path).stem for path in list_sql("checks"))
        for mart in MARTS:
            statement = f"{mart} order by all"
            assert _rounded(lake.sql(statement).fetchall()) == _rounded(
                file.sql(statement).fetchall()), mart
        # Eight records, two of them quarantined (no text), as on the file.
        assert lake.sql("select count(*) from dim_article").fetchone() == (6,)
        first_snapshot = lake.sql("select max(snapshot_id) from lake.snapshots()").fetchone()[0]
    between_runs = datetime.now(UTC)

    runner = CliRunner()
    count = "select count(*) as n from dim_article"
    assert _sql(runner, lake_warehouse, count) == ["n", "6"]
    shutil.copy(SEED_FILE, inbox / "seed.txt")
    _nightly(monkeypatch, "ducklake", inbox, lake_warehouse)
    assert _sql(runner, lake_warehouse, count) == ["n", "7"]
    assert _sql(runner, lake_warehouse, count, "--at-snapshot", str(first_snapshot)) == [
        "n", "6"]
    assert _sql(runner, lake_warehouse, count, "--at", between_runs.isoformat()) == ["n", "6"]
    last = _sql(runner, lake_warehouse, "select max(snapshot_id) as n from lake.snapshots()")
    changes = _sql(runner, lake_warehouse, "select change_type, count(*) as n from "
                   "ducklake_table_changes('lake', 'main', 'dim_article', "
                   f"{first_snapshot + 1}, {last[1]}) group by all")
    assert changes == ["change_type,n", "insert,1"]
    search = runner.invoke(app, ["search", "--warehouse", str(lake_warehouse), "the"])
    assert search.exit_code == 0, search.output
    assert search.output.strip()

    # A backfill of every day on the lake rebuilds exactly the rows the nightly runs made.
    monkeypatch.setenv("NEWSETL_WAREHOUSE", str(lake_warehouse))
    built = _star(target)
    first_day, last_day = _star_days(target)
    result = backfill(start_date=first_day, end_date=last_day, mode="all")
    assert {day.status for day in result.days} == {"succeeded"}
    assert _star(target) == built

    # The analyst lockdown holds on the lake: no other file, no writing, no attaching.
    for refused in ("select * from read_csv('/etc/passwd')",
                    f"copy (select 1) to '{tmp_path / 'out.csv'}'",
                    f"attach '{tmp_path / 'other.duckdb'}' as other",
                    "delete from dim_article",
                    "call ducklake_expire_snapshots('lake', versions => [1])"):
        result = runner.invoke(app, ["sql", "--warehouse", str(lake_warehouse), refused])
        assert result.exit_code == 1, refused
        assert "refused" in result.output, (refused, result.output)
    assert not (tmp_path / "out.csv").exists()

    # The DuckDB file keeps no snapshots: asked for one, the command says so.
    monkeypatch.setenv("NEWSETL_BACKEND", "duckdb")
    on_file = runner.invoke(app, ["sql", "--warehouse", str(file_warehouse),
                                  "--at-snapshot", "1", count])
    assert on_file.exit_code == 1
    assert "NEWSETL_BACKEND=ducklake" in on_file.output
