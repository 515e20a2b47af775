"""fct_amount_mention through the load: rows of the batch inserted, a replaced article's
amounts deleted in the transaction that loads its new ones."""

from dataclasses import replace
from datetime import date

import duckdb
import polars as pl

from newsetl.flows.loading import load_batch
from newsetl.transforms.amounts import AMOUNT_MENTION_SCHEMA
from newsetl.transforms.star_rows import amount_mention_rows
from tests.unit.test_load import article_batch


def amounts(run_id: str, article_id: str, article_key: int, *surfaces: tuple) -> pl.DataFrame:
    """fct_amount_mention rows built by the real star-row function."""
    parsed = pl.DataFrame(
        [(article_id, surface, 0, len(surface), 0, "money", value, "USD", "million", None, None,
          None, None) for surface, value in surfaces],
        schema=AMOUNT_MENTION_SCHEMA, orient="row")
    articles = pl.DataFrame({"article_id": [article_id], "article_key": [article_key],
                             "published_date": [date(2024, 2, 17)]})
    return amount_mention_rows(parsed, articles, run_id)


def stored(connection: duckdb.DuckDBPyConnection) -> list[tuple]:
    return connection.sql("select article_key, surface_text, value, run_id, published_date_key "
                          "from fct_amount_mention order by all").fetchall()


def test_a_batch_inserts_its_amounts_and_a_changed_article_replaces_them(warehouse):
    first = replace(article_batch("r1", "A", 1, "h1"),
                    fct_amount_mention=amounts("r1", "A", 1, ("$18 million", 1.8e7)))
    load_batch(warehouse, first)
    other = replace(article_batch("r1", "B", 2, "h2"),
                    fct_amount_mention=amounts("r1", "B", 2, ("$3 million", 3e6)))
    load_batch(warehouse, other)
    assert stored(warehouse) == [(1, "$18 million", 1.8e7, "r1", 20240217),
                                 (2, "$3 million", 3e6, "r1", 20240217)]
    changed = replace(article_batch("r2", "A", 1, "h1b", replaces=True),
                      fct_amount_mention=amounts("r2", "A", 1, ("$20 million", 2e7)))
    load_batch(warehouse, changed)
    assert stored(warehouse) == [(1, "$20 million", 2e7, "r2", 20240217),
                                 (2, "$3 million", 3e6, "r1", 20240217)]


def test_a_replaced_article_without_amounts_now_keeps_none(warehouse):
    load_batch(warehouse, replace(article_batch("r1", "A", 1, "h1"),
                                  fct_amount_mention=amounts("r1", "A", 1, ("$1", 1.0))))
    load_batch(warehouse, article_batch("r2", "A", 1, "h1b", replaces=True))
    assert stored(warehouse) == []
