"""Golden rows of mart_amounts_by_entity_weekly: amounts attach to the entities of their own
sentence, one row per kind and unit (currencies never summed together), unparsed amounts
counted but not summed."""

from datetime import date

import analyst_fixtures as sample
import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from newsetl.warehouse.connection import connect_memory
from newsetl.warehouse.migrate import migrate

ACME, OTHER = 20, 21
AMOUNT = "insert into fct_amount_mention values (?, ?, 's', 0, 1, ?, ?, ?, ?, null, null, " \
         "null, null, ?, 'r')"  # fmt: skip
MENTION = "insert into fct_entity_mention values (?, ?, ?, 'n', 'ORG', 0, 1, ?, 'exact', " \
          "null, 'r')"  # fmt: skip


@pytest.fixture
def warehouse() -> duckdb.DuckDBPyConnection:
    connection = connect_memory()
    migrate(connection)
    connection.execute("insert into dim_entity values (?, 'Acme Corp', 'ORG', null, 'r'), "
                       "(?, 'Other Ltd', 'ORG', null, 'r')", [ACME, OTHER])
    return connection


def mart(connection: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return connection.sql(
        "select canonical_name, week_start_date, kind, unit, amount_count, parsed_count, "
        "article_count, value_sum, value_median from mart_amounts_by_entity_weekly "
        "order by canonical_name, week_start_date, kind, unit nulls last").pl()


def test_amounts_attach_to_the_entities_of_their_sentence_per_currency_and_week(warehouse):
    # Article 1 (Wednesday 2006-02-15): Acme in sentence 0 with $3.5bn, $1.5bn and €40m;
    # Other Ltd in sentence 1 with 12%. Article 2 (Monday 2006-02-20, next ISO week): Acme
    # with $1bn and a vague amount.
    for article, day, entity, sentence in ((1, 20060215, ACME, 0), (1, 20060215, OTHER, 1),
                                           (2, 20060220, ACME, 0)):
        warehouse.execute(MENTION, [article, entity, day, sentence])
    for article, day, sentence, kind, value, unit, reason in (
            (1, 20060215, 0, "money", 3.5e9, "USD", None),
            (1, 20060215, 0, "money", 1.5e9, "USD", None),
            (1, 20060215, 0, "money", 4e7, "EUR", None),
            (1, 20060215, 1, "percent", 12.0, "%", None),
            (2, 20060220, 0, "money", 1e9, "USD", None),
            (2, 20060220, 0, "money", None, "USD", "range")):
        warehouse.execute(AMOUNT, [article, day, sentence, kind, value, unit, reason])
    expected = pl.DataFrame(
        [("Acme Corp", date(2006, 2, 13), "money", "EUR", 1, 1, 1, 4e7, 4e7),
         ("Acme Corp", date(2006, 2, 13), "money", "USD", 2, 2, 1, 5e9, 2.5e9),
         ("Acme Corp", date(2006, 2, 20), "money", "USD", 2, 1, 1, 1e9, 1e9),
         ("Other Ltd", date(2006, 2, 13), "percent", "%", 1, 1, 1, 12.0, 12.0)],
        schema=["canonical_name", "week_start_date", "kind", "unit", "amount_count",
                "parsed_count", "article_count", "value_sum", "value_median"], orient="row")
    assert_frame_equal(mart(warehouse), expected, check_dtypes=False)


def test_an_amount_in_a_sentence_without_entities_is_in_no_row(warehouse):
    warehouse.execute(MENTION, [1, ACME, 20060215, 0])
    warehouse.execute(AMOUNT, [1, 20060215, 3, "money", 5.0, "USD", None])
    assert mart(warehouse).height == 0


def test_the_sample_warehouse_answers_per_entity(tmp_path):
    path = sample.sample_published(tmp_path)
    with duckdb.connect(str(path), read_only=True) as connection:
        rows = connection.sql(
            "select week_start_date, unit, amount_count, value_sum "
            "from mart_amounts_by_entity_weekly "
            "where canonical_name = 'Acme Corp' and kind = 'money' "
            "order by week_start_date, unit nulls last").fetchall()
    assert rows == [(date(2006, 1, 2), "USD", 1, 2e6), (date(2006, 2, 13), "EUR", 1, 4e7),
                    (date(2006, 2, 13), "USD", 1, 3.5e9), (date(2006, 2, 13), None, 1, None)]
