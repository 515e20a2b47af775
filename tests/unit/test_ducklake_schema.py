"""The schema on DuckLake: `lake_ddl` takes out only what DuckLake cannot keep, a new lake
has the file's tables and columns without keys, an old lake migrates to the same, and the
upserts (MERGE INTO) replace or add on both backends."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from newsetl.settings import WarehouseTarget
from newsetl.warehouse.backend import connect_warehouse, is_lake_connection
from newsetl.warehouse.connection import connect_memory
from newsetl.warehouse.ddl import lake_ddl, lake_migration
from newsetl.warehouse.migrate import latest_version, migrate, migrations
from newsetl.warehouse.sql_files import read_sql
from newsetl.warehouse.staging import staged

REPO = Path(__file__).resolve().parents[2]
V1_SCHEMA = REPO / "tests" / "data" / "warehouse_v1.sql"
COLUMNS = """
    select c.table_name, c.column_name, c.data_type, c.is_nullable
    from information_schema.columns as c
    join information_schema.tables as t
        on t.table_catalog = c.table_catalog and t.table_schema = c.table_schema
        and t.table_name = c.table_name
    where t.table_type = 'BASE TABLE' and t.table_schema = 'main'
        and t.table_catalog = current_database()
    order by c.table_name, c.ordinal_position
"""


def lake_target(folder: Path) -> WarehouseTarget:
    return WarehouseTarget(path=folder / "newsetl.duckdb", backend="ducklake",
                           catalog=str(folder / "catalog.sqlite"), data_path=f"{folder}/data/")


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """A new lake warehouse, migrated (created at the latest version)."""
    connection = connect_warehouse(lake_target(tmp_path_factory.mktemp("lake")))
    migrate(connection)
    yield connection
    connection.close()


def test_lake_ddl_strips_column_and_table_keys_and_indexes_only():
    sql = ("create table t (\n    a integer primary key, -- a primary key\n"
           "    d integer not null primary key,\n"
           "    b varchar not null unique,\n    c varchar default 'unique -- primary key',\n"
           "    primary key (a, b),\n    unique (b)\n);\ncreate unique index t_b on t (b);\n"
           "create index t_c on t(c);")
    stripped = lake_ddl(sql)
    assert "primary" not in stripped.replace("'unique -- primary key'", "")
    assert "index" not in stripped
    assert "a integer not null," in stripped  # what the primary key implied
    assert "b varchar not null," in stripped
    assert "default 'unique -- primary key'" in stripped  # a literal is left as written
    connection = connect_memory()
    connection.execute(stripped)
    assert connection.sql("select count(*) from duckdb_constraints() where "
                          "constraint_type in ('PRIMARY KEY', 'UNIQUE')").fetchone() == (0,)
    assert [row[0] for row in connection.sql("describe t").fetchall()] == ["a", "d", "b", "c"]
    assert "d integer not null," in stripped


def test_lake_migration_also_drops_set_not_null():
    sql = ("alter table etl_run add column x integer default 0;\n"
           "update etl_run set x = 0 where x is null;\n"
           "alter table etl_run alter column x set not null;\n"
           "alter table etl_run alter x set not null;")
    assert " ".join(lake_migration(sql).split()) == (
        "alter table etl_run add column x integer default 0; "
        "update etl_run set x = 0 where x is null;")
    assert lake_ddl(sql).count("set not null") == 2  # a new table keeps its NOT NULLs


def test_a_new_lake_has_the_files_tables_and_columns_and_no_keys(lake):
    file = connect_memory()
    migrate(file)
    assert is_lake_connection(lake)
    assert not is_lake_connection(file)
    assert lake.sql(COLUMNS).fetchall() == file.sql(COLUMNS).fetchall()
    assert lake.sql("select max(version) from schema_migration").fetchone() == (latest_version(),)
    assert lake.sql("select count(*) from dim_date").fetchone() == (146_097,)
    views = "select count(*) from duckdb_views() where database_name = current_database()"
    assert lake.sql(views).fetchone() == file.sql(views).fetchone()
    assert lake.sql(views).fetchone()[0] > 0


def test_migrating_a_lake_again_changes_nothing(lake):
    snapshots = "select max(snapshot_id) from lake.snapshots()"
    before = lake.sql(COLUMNS).fetchall()
    assert migrate(lake) == latest_version()
    assert lake.sql(COLUMNS).fetchall() == before
    first = lake.sql(snapshots).fetchone()[0]
    migrate(lake)
    assert lake.sql(snapshots).fetchone()[0] == first + 1  # the views, in one commit


def test_an_old_lake_migrated_step_by_step_matches_a_new_one(lake, tmp_path):
    old = connect_warehouse(lake_target(tmp_path))
    old.execute(lake_ddl(V1_SCHEMA.read_text(encoding="utf-8")))
    old.execute("insert into schema_migration (version, name, newsetl_version) "
                "values (1, 'baseline', '0.1.0')")
    old.execute("""insert into dim_article values (1, 'A', 'n/A', null, 'T',
        timestamptz '2024-02-17 09:00:00+00', date '2024-02-17', 20240217, 7, 'en', 2, 9,
        'some text', 'h1', 'f1.jsonl', 1, 'r1')""")
    assert migrate(old) == latest_version()
    # Columns a migration made NOT NULL stay nullable on a lake (`lake_migration`).
    set_not_null = {
        (table, column) for _, _, sql in migrations() for table, column in re.findall(
            r"alter table (\w+) alter column (\w+) set not null", sql, re.IGNORECASE)}
    assert set_not_null  # else this test no longer tests the exception
    expected = [(table, column, kind, "YES" if (table, column) in set_not_null else nullable)
                for table, column, kind, nullable in lake.sql(COLUMNS).fetchall()]
    assert old.sql(COLUMNS).fetchall() == expected
    assert old.sql("select article_id, text from dim_article").fetchall() == [("A", "some text")]
    old.close()


def _partition(day: date, status: str) -> pl.DataFrame:
    now = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
    return pl.DataFrame([{
        "published_date": day, "published_date_key": int(day.strftime("%Y%m%d")),
        "status": status, "build_reason": "nightly", "articles": 1, "entity_mentions": 0,
        "date_mentions": 0, "newsetl_version": "0", "model_name": "m", "model_version": "1",
        "rules_version": "r", "run_id": "r1", "run_kind": "nightly", "started_at": now,
        "finished_at": now, "error": None}])


@pytest.mark.parametrize("backend", ["duckdb", "ducklake"])
def test_the_upserts_replace_or_add_on_both_backends(backend, lake, tmp_path):
    if backend == "duckdb":
        connection = connect_memory()
        migrate(connection)
    else:
        connection = lake
        connection.execute("delete from etl_partition")
        connection.execute("delete from etl_ignored_field")
    day = date(2024, 2, 17)
    for status in ("running", "succeeded"):
        with staged(connection, {"partition": _partition(day, status)}):
            connection.execute(read_sql("partitions/upsert_etl_partition.sql"))
    assert connection.sql("select published_date, status from etl_partition").fetchall() == [
        (day, "succeeded")]
    fields = pl.DataFrame({"run_id": ["r1"], "field_name": ["id"], "records": [2],
                           "example_file": ["a.json"]})
    for example in ("a.json", "b.json"):
        with staged(connection, {"etl_ignored_field": fields.with_columns(
                example_file=pl.lit(example))}):
            connection.execute(read_sql("load/upsert_etl_ignored_field.sql"))
    assert connection.sql("select run_id, field_name, records, example_file "
                          "from etl_ignored_field").fetchall() == [("r1", "id", 4, "a.json")]
