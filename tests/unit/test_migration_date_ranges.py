"""Migration 5: fct_date_mention gains resolved_start, resolved_end and anchor, whether the
warehouse is new (the table file has them) or was created before version 5."""

from datetime import date

from newsetl.warehouse.connection import connect_memory
from newsetl.warehouse.migrate import migrate
from tests.unit.test_migrate import LATEST, schema_text

# fct_date_mention as versions 1 to 4 made it.
V4_DATE_MENTION = """create table fct_date_mention (article_key bigint not null,
    published_date_key integer not null, surface_text varchar not null,
    start_char integer not null, end_char integer not null, sentence_index integer not null,
    detector varchar not null, resolved_date date, resolved_date_key integer,
    resolution varchar, unresolved_reason varchar, is_ambiguous boolean not null,
    run_id varchar not null)"""
OLD_ROWS = [  # surface, resolved_date, resolution
    ("Tuesday", date(2024, 2, 13), "day"),
    ("last week", date(2024, 2, 5), "week"),
    ("February", date(2024, 2, 1), "month"),
    ("the third quarter", date(2023, 7, 1), "quarter"),
    ("2008", date(2008, 1, 1), "year"),
    ("the 1990s", date(1990, 1, 1), "decade"),
    ("recently", None, None),
]


def test_an_old_warehouse_gets_the_columns_and_ranges_from_resolved_date():
    connection = connect_memory()
    migrate(connection)
    fresh = schema_text(connection)
    connection.execute("drop table fct_date_mention")
    connection.execute(V4_DATE_MENTION)
    connection.execute("delete from schema_migration where version >= 5")
    connection.executemany(
        "insert into fct_date_mention values (1, 20240217, ?, 0, 1, 0, 'spacy', ?, null, ?, "
        "null, false, 'r1')",
        OLD_ROWS,
    )

    assert migrate(connection) == LATEST
    assert schema_text(connection) == fresh
    rows = connection.sql("select surface_text, resolved_start, resolved_end, anchor "
                          "from fct_date_mention order by rowid").fetchall()  # fmt: skip
    assert rows == [
        ("Tuesday", date(2024, 2, 13), date(2024, 2, 13), None),
        ("last week", date(2024, 2, 5), date(2024, 2, 11), None),
        ("February", date(2024, 2, 1), date(2024, 2, 29), None),
        ("the third quarter", date(2023, 7, 1), date(2023, 9, 30), None),
        ("2008", date(2008, 1, 1), date(2008, 12, 31), None),
        ("the 1990s", date(1990, 1, 1), date(1999, 12, 31), None),
        ("recently", None, None, None),
    ]


def test_replaying_migration_5_on_a_new_warehouse_keeps_its_rows_as_they_are():
    connection = connect_memory()
    migrate(connection)
    fresh = schema_text(connection)
    connection.execute(
        "insert into fct_date_mention values (1, 20240217, 'that week', 0, 9, 0, 'rule', "
        "date '2024-02-12', 20240212, 'week', null, false, 'r1', date '2024-02-12', "
        "date '2024-02-18', 'narrative')"
    )
    connection.execute("delete from schema_migration where version >= 5")

    assert migrate(connection) == LATEST
    assert schema_text(connection) == fresh
    assert connection.sql("select resolved_start, resolved_end, anchor from fct_date_mention"
                          ).fetchall() == [(date(2024, 2, 12), date(2024, 2, 18), "narrative")]
