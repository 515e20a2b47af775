"""migrate: a new warehouse created at the latest version and stamped; the oldest one
migrated step by step to the same tables; the calendar; a golden snapshot of the tables."""

import os
from datetime import date
from pathlib import Path

import duckdb
import pytest

from newsetl import __version__
from newsetl.warehouse import migrate as migrate_module
from newsetl.warehouse.connection import connect_memory, connect_writer
from newsetl.warehouse.migrate import latest_version, migrate, migrations
from newsetl.warehouse.sql_files import list_sql

REPO = Path(__file__).resolve().parents[2]
SNAPSHOT = REPO / "tests" / "unit" / "__snapshots__" / "warehouse_schema.txt"
SCHEMA_QUERY = """
    select c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default
    from information_schema.columns as c
    join information_schema.tables as t
        on t.table_schema = c.table_schema and t.table_name = c.table_name
    where t.table_type = 'BASE TABLE' and t.table_schema = 'main'
    order by c.table_name, c.ordinal_position
"""


KEYS_QUERY = """
    select table_name, constraint_type, constraint_column_names
    from duckdb_constraints()
    where constraint_type in ('PRIMARY KEY', 'UNIQUE') and schema_name = 'main'
    order by table_name, constraint_type, constraint_column_names
"""
LATEST = latest_version()


def schema_text(connection: duckdb.DuckDBPyConnection) -> str:
    """One line per column of every base table, `table.column TYPE [not null] [default …]`,
    then one per primary key or unique constraint (each is an index DuckDB keeps)."""
    lines = []
    for table, column, data_type, nullable, default in connection.sql(SCHEMA_QUERY).fetchall():
        line = f"{table}.{column} {data_type}"
        if nullable == "NO":
            line += " not null"
        if default is not None:
            line += f" default {default}"
        lines.append(line)
    for table, kind, columns in connection.sql(KEYS_QUERY).fetchall():
        lines.append(f"{table} {kind.lower()} ({', '.join(columns)})")
    return "\n".join(lines) + "\n"


def test_schema_matches_the_checked_in_snapshot(warehouse):
    actual = schema_text(warehouse)
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(actual, encoding="utf-8")
    expected = SNAPSHOT.read_text(encoding="utf-8") if SNAPSHOT.exists() else ""
    assert actual == expected, (
        f"The warehouse schema differs from {SNAPSHOT.relative_to(REPO)}. If the change "
        "is deliberate, regenerate the snapshot and review its diff: "
        "UPDATE_SNAPSHOTS=1 uv run --extra test pytest tests/unit/test_migrate.py "
        "-k snapshot; then commit the snapshot with the change, and the migration that "
        "brings an existing warehouse there (sql/migrations/NNNN_<what>.sql): a new "
        "warehouse is created from sql/tables/, an existing one only changes by migrations."
    )


def test_every_table_file_makes_a_table(warehouse):
    tables = {row[0] for row in warehouse.sql(
        "select table_name from information_schema.tables where table_type = 'BASE TABLE'"
    ).fetchall()}
    expected = {Path(path).stem for path in list_sql("tables")}
    assert expected <= tables
    assert {"dim_article", "fct_entity_mention", "etl_run", "raw_article"} <= expected


def test_a_new_warehouse_is_stamped_at_the_latest_version():
    connection = connect_memory()
    assert migrate(connection) == LATEST
    applied = connection.sql(
        "select version, name, newsetl_version from schema_migration order by version"
    ).fetchall()
    assert applied == [(1, "baseline", __version__)] + [
        (version, name, __version__) for version, name, _ in migrations()
    ]
    assert [version for version, _, _ in applied] == list(range(1, LATEST + 1))


def test_a_new_warehouse_runs_no_migration(monkeypatch):
    """A future `alter table … add column` (not idempotent) is recorded, not run, on a new
    warehouse, whose sql/tables/ file already has the column; an existing one runs it."""
    added = (LATEST + 1, "fct_date_mention_anchor_again",
             "alter table fct_date_mention add column anchor varchar")
    monkeypatch.setattr(migrate_module, "migrations", lambda: [*migrations(), added])
    connection = connect_memory()
    assert migrate(connection) == LATEST + 1
    assert connection.sql("select max(version), count(*) from schema_migration").fetchone() \
        == (LATEST + 1, LATEST + 1)
    connection.execute("delete from schema_migration where version = ?", [LATEST + 1])
    with pytest.raises(duckdb.CatalogException, match="anchor"):
        migrate(connection)
    assert connection.sql("select max(version) from schema_migration").fetchone() == (LATEST,)


def test_tables_without_a_recorded_version_are_refused():
    connection = connect_memory()
    connection.execute("create table dim_source (source_key bigint)")
    with pytest.raises(RuntimeError, match="no schema version recorded"):
        migrate(connection)
    assert connection.sql("select count(*) from schema_migration").fetchone() == (0,)


def test_migration_versions_are_consecutive_from_2():
    assert [version for version, _, _ in migrations()] == list(range(2, LATEST + 1))


def test_migrating_twice_changes_nothing(warehouse):
    before = schema_text(warehouse)
    warehouse.execute(
        "insert into dim_source (source_key, source_name, run_id) values (1, 'kept', 'r')"
    )
    assert migrate(warehouse) == LATEST
    assert schema_text(warehouse) == before
    assert warehouse.sql("select count(*) from schema_migration").fetchone() == (LATEST,)
    assert warehouse.sql("select count(*) from dim_date").fetchone() == (146_097,)
    assert warehouse.sql("select source_name from dim_source").fetchall() == [("kept",)]


def test_a_warehouse_file_reopened_is_not_migrated_again(tmp_path):
    path = tmp_path / "wh" / "newsetl.duckdb"
    first = connect_writer(path)
    migrate(first)
    first.close()
    again = connect_writer(path)
    try:
        assert migrate(again) == LATEST
        assert again.sql("select count(*) from schema_migration").fetchone() == (LATEST,)
        assert again.sql("select count(*) from dim_date").fetchone() == (146_097,)
    finally:
        again.close()


def test_dim_date_covers_1800_to_2199_one_row_a_day(warehouse):
    assert warehouse.sql(
        "select count(*), count(distinct date_key), min(full_date), max(full_date) from dim_date"
    ).fetchone() == (146_097, 146_097, date(1800, 1, 1), date(2199, 12, 31))
    # keys are yyyymmdd of their date, everywhere
    assert warehouse.sql(
        "select count(*) from dim_date "
        "where date_key <> year(full_date) * 10000 + month(full_date) * 100 + day(full_date)"
    ).fetchone() == (0,)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        pytest.param(20240217, (date(2024, 2, 17), 2024, 1, 2, "February", 17, 6, "Saturday",
                                2024, 7, date(2024, 2, 12), date(2024, 2, 1), True),
                     id="seed-publication-day"),
        pytest.param(20210101, (date(2021, 1, 1), 2021, 1, 1, "January", 1, 5, "Friday",
                                2020, 53, date(2020, 12, 28), date(2021, 1, 1), False),
                     id="iso-week-of-previous-year"),
        pytest.param(20000229, (date(2000, 2, 29), 2000, 1, 2, "February", 29, 2, "Tuesday",
                                2000, 9, date(2000, 2, 28), date(2000, 2, 1), False),
                     id="leap-day"),
        pytest.param(18000101, (date(1800, 1, 1), 1800, 1, 1, "January", 1, 3, "Wednesday",
                                1800, 1, date(1799, 12, 30), date(1800, 1, 1), False),
                     id="first-day"),
    ],
)
def test_known_days(warehouse, key, expected):
    assert warehouse.execute(
        "select full_date, year, quarter, month, month_name, day_of_month, day_of_week, "
        "day_name, iso_year, iso_week, week_start_date, month_start_date, is_weekend "
        "from dim_date where date_key = ?",
        [key],
    ).fetchone() == expected


# dim_article and raw_article as the version-1 baseline made them: keyed by indexes.
V1_KEYED_TABLES = [
    "drop table dim_article",
    "drop table raw_article",
    """create table dim_article (article_key bigint primary key, article_id varchar not null
        unique, natural_key varchar not null, url varchar, title varchar,
        published_at timestamptz not null, published_date date not null,
        published_date_key integer not null, source_key bigint not null, language varchar,
        word_count integer not null, char_count integer not null, text varchar not null,
        content_hash varchar not null, file_path varchar not null,
        record_number integer not null, run_id varchar not null)""",
    """create table raw_article (article_id varchar not null, content_hash varchar not null,
        is_current boolean not null, run_id varchar not null, file_path varchar not null,
        record_number integer not null, file_format varchar not null, encoding varchar,
        title varchar, text varchar, published_raw varchar, url varchar, source varchar,
        language varchar, raw_record varchar,
        loaded_at timestamptz not null default current_timestamp,
        primary key (article_id, content_hash))""",
    "delete from schema_migration where version > 1",
]


def test_migration_2_drops_the_varchar_key_indexes_and_keeps_the_rows():
    connection = connect_memory()
    migrate(connection)
    fresh = schema_text(connection)
    for statement in V1_KEYED_TABLES:
        connection.execute(statement)
    connection.execute("""insert into dim_article values (1, 'A', 'n/A', null, 'T',
        timestamptz '2024-02-17 09:00:00+00', date '2024-02-17', 20240217, 7, 'en', 2, 9,
        'some text', 'h1', 'f1.jsonl', 1, 'r1')""")
    connection.execute("""insert into raw_article (article_id, content_hash, is_current,
        run_id, file_path, record_number, file_format, loaded_at)
        values ('A', 'h1', true, 'r1', 'f1.jsonl', 1, 'jsonl',
                '2024-02-18 00:00:00+00')""")
    assert "raw_article primary key (article_id, content_hash)" in schema_text(connection)

    assert migrate(connection) == LATEST
    assert schema_text(connection) == fresh
    assert connection.sql("select article_key, article_id, text from dim_article").fetchall() \
        == [(1, "A", "some text")]
    assert connection.sql("select article_id, is_current, loaded_at::varchar from raw_article"
                          ).fetchall() == [("A", True, "2024-02-18 00:00:00+00")]
    assert connection.sql("select count(*) from mart_entity_mentions_daily").fetchone() == (0,)



def test_migration_3_drops_the_article_key_index_and_keeps_the_rows():
    connection = connect_memory()
    migrate(connection)
    fresh = schema_text(connection)
    # dim_article as version 2 left it: keyed by an index on article_key.
    connection.execute("drop table dim_article")
    connection.execute("""create table dim_article (article_key bigint primary key,
        article_id varchar not null, natural_key varchar not null, url varchar, title varchar,
        published_at timestamptz not null, published_date date not null,
        published_date_key integer not null, source_key bigint not null, language varchar,
        word_count integer not null, char_count integer not null, text varchar not null,
        content_hash varchar not null, file_path varchar not null,
        record_number integer not null, run_id varchar not null)""")
    connection.execute("delete from schema_migration where version > 2")
    connection.execute("""insert into dim_article values (1, 'A', 'n/A', null, 'T',
        timestamptz '2024-02-17 09:00:00+00', date '2024-02-17', 20240217, 7, 'en', 2, 9,
        'some text', 'h1', 'f1.jsonl', 1, 'r1')""")
    assert "dim_article primary key (article_key)" in schema_text(connection)

    assert migrate(connection) == LATEST
    assert schema_text(connection) == fresh
    assert "dim_article primary key" not in fresh
    assert connection.sql("select article_key, article_id, text from dim_article").fetchall() \
        == [(1, "A", "some text")]
    assert connection.sql("select count(*) from mart_entity_mentions_daily").fetchone() == (0,)


V1_SCHEMA = REPO / "tests" / "data" / "warehouse_v1.sql"
CATALOG_COLUMNS = """
    select c.* exclude (table_catalog)
    from information_schema.columns as c
    join information_schema.tables as t
        on t.table_catalog = c.table_catalog and t.table_schema = c.table_schema
        and t.table_name = c.table_name
    where t.table_type = 'BASE TABLE' and t.table_schema = 'main'
    order by c.table_name, c.ordinal_position
"""
CATALOG_CONSTRAINTS = """
    select table_name, constraint_type, constraint_text, expression,
        constraint_column_names, constraint_name, referenced_table, referenced_column_names
    from duckdb_constraints()
    where database_name = current_database() and schema_name = 'main'
    order by all
"""


def catalog(connection: duckdb.DuckDBPyConnection) -> tuple[list[tuple], list[tuple]]:
    """Every column as information_schema describes it, every constraint DuckDB reports."""
    return connection.sql(CATALOG_COLUMNS).fetchall(), connection.sql(
        CATALOG_CONSTRAINTS).fetchall()


def test_the_oldest_warehouse_migrated_step_by_step_matches_a_new_one():
    new = connect_memory()
    migrate(new)
    old = connect_memory()
    old.execute(V1_SCHEMA.read_text(encoding="utf-8"))  # missing file: the test fails
    old.execute("insert into schema_migration (version, name, newsetl_version) "
                "values (1, 'baseline', '0.1.0')")
    assert "dim_article unique (article_id)" in schema_text(old)
    old.execute("""insert into dim_article values (1, 'A', 'n/A', null, 'T',
        timestamptz '2024-02-17 09:00:00+00', date '2024-02-17', 20240217, 7, 'en', 2, 9,
        'some text', 'h1', 'f1.jsonl', 1, 'r1')""")
    old.execute("""insert into fct_date_mention values (1, 20240217, 'last week', 0, 9, 0,
        'spacy', date '2024-02-05', 20240205, 'week', null, false, 'r1')""")

    assert migrate(old) == LATEST
    assert old.sql("select version, name from schema_migration order by version").fetchall() \
        == [(1, "baseline")] + [(version, name) for version, name, _ in migrations()]
    old_columns, old_constraints = catalog(old)
    new_columns, new_constraints = catalog(new)
    assert old_columns == new_columns
    assert old_constraints == new_constraints
    assert schema_text(old) == schema_text(new)
    assert old.sql("select article_id, text from dim_article").fetchall() == [("A", "some text")]
    assert old.sql("select resolved_start, resolved_end from fct_date_mention").fetchall() \
        == [(date(2024, 2, 5), date(2024, 2, 11))]
    assert old.sql("select count(*) from dim_date").fetchone() == (146_097,)
