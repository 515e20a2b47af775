"""agg_entity_cooccurrence kept by the writer batch by batch: pairs of loaded articles added,
pairs of replaced ones subtracted, and always equal to a full recompute from the facts."""

from __future__ import annotations

import random
from datetime import date, timedelta

import duckdb
import pytest
from derived_fixtures import COOCCURRENCE, Article, load

from newsetl.warehouse.connection import connect_memory
from newsetl.warehouse.migrate import migrate
from newsetl.warehouse.search_index import rebuild_search_index
from newsetl.warehouse.sql_files import read_sql

D1, D2, D3 = date(2024, 1, 5), date(2024, 2, 10), date(2024, 3, 15)
K1, K2, K3 = 20240105, 20240210, 20240315


def pairs(connection: duckdb.DuckDBPyConnection) -> list[tuple[int, ...]]:
    return connection.sql(COOCCURRENCE).fetchall()


def recomputed(connection: duckdb.DuckDBPyConnection) -> list[tuple[int, ...]]:
    """The aggregate computed from scratch from fct_article_entity."""
    connection.execute("create or replace temp table agg_check as "
                       "select * from agg_entity_cooccurrence limit 0")
    full = read_sql("publish/refresh_agg_entity_cooccurrence.sql")
    connection.execute(full.replace("insert into agg_entity_cooccurrence", "insert into agg_check"))
    rows = connection.sql(COOCCURRENCE.replace("agg_entity_cooccurrence", "agg_check"))
    return rows.fetchall()


def test_a_batch_adds_each_unordered_pair_once_per_article(warehouse):
    load(warehouse, [Article(1, "a", D2, entities=(30, 10, 20)),
                     Article(2, "b", D1, entities=(10, 20)),
                     Article(3, "c", D3, entities=(20,))])
    assert pairs(warehouse) == [(10, 20, 2, K1, K2), (10, 30, 1, K2, K2), (20, 30, 1, K2, K2)]
    load(warehouse, [Article(4, "d", D3, entities=(10, 30))])
    assert pairs(warehouse) == [(10, 20, 2, K1, K2), (10, 30, 2, K2, K3), (20, 30, 1, K2, K2)]


def test_replacing_an_article_subtracts_its_old_pairs_and_adds_its_new(warehouse):
    load(warehouse, [Article(1, "a", D1, entities=(10, 20, 30)),
                     Article(2, "b", D2, entities=(10, 20)),
                     Article(3, "c", D3, entities=(10, 20))])
    assert pairs(warehouse) == [(10, 20, 3, K1, K3), (10, 30, 1, K1, K1), (20, 30, 1, K1, K1)]
    # article 1 no longer mentions 30 (its pairs with 30 go) and is now dated D2
    load(warehouse, [Article(1, "a2", D2, entities=(10, 20, 40))], replaced=[1])
    assert pairs(warehouse) == [(10, 20, 3, K2, K3), (10, 40, 1, K2, K2), (20, 40, 1, K2, K2)]
    # article 3 (the last day of 10-20) replaced without the pair: the last day goes back
    load(warehouse, [Article(3, "c2", D3, entities=(10,))], replaced=[3])
    assert pairs(warehouse) == [(10, 20, 2, K2, K2), (10, 40, 1, K2, K2), (20, 40, 1, K2, K2)]
    assert pairs(warehouse) == recomputed(warehouse)


def test_a_retired_article_takes_its_pairs_with_it(warehouse):
    load(warehouse, [Article(1, "a", D1, entities=(10, 20)),
                     Article(2, "b", D2, entities=(10, 20, 30))])
    load(warehouse, [], replaced=[2])
    assert pairs(warehouse) == [(10, 20, 1, K1, K1)]
    load(warehouse, [], replaced=[1])
    assert pairs(warehouse) == []


def test_a_failing_batch_leaves_the_aggregate_and_the_terms_as_they_were(warehouse):
    load(warehouse, [Article(1, "alpha", D1, entities=(10, 20))])
    before = (pairs(warehouse), warehouse.sql("select * from search_term").fetchall())
    with pytest.raises(duckdb.ConstraintException):  # article 1 again, not replaced
        load(warehouse, [Article(2, "beta", D2, entities=(10, 20)),
                         Article(1, "gamma", D2, entities=(10, 20))])
    assert (pairs(warehouse), warehouse.sql("select * from search_term").fetchall()) == before


def test_incremental_upkeep_equals_a_full_recompute_on_a_random_warehouse():
    """Thirty batches of new, replaced and retired articles over twelve entities and a few
    days; after each, the aggregate and the search terms equal their from-scratch values."""
    chooser = random.Random(20240217)
    words = ["acme", "paris", "election", "elected", "results", "office", "the", "G8", "2006",
             "Café", "running", "ran", "a"]
    connection = connect_memory()
    migrate(connection)
    stored: set[int] = set()
    for batch in range(30):
        keys = chooser.sample(range(1, 40), chooser.randint(0, 8))
        articles = [
            Article(key, " ".join(chooser.choices(words, k=chooser.randint(0, 12))),
                    D1 + timedelta(days=chooser.randint(0, 6)),
                    title=chooser.choice([None, "Acme results"]),
                    entities=tuple(chooser.sample(range(1, 13), chooser.randint(0, 6))))
            for key in keys]
        retired = set(chooser.sample(sorted(stored - set(keys)), min(1, len(stored - set(keys)))))
        if batch % 3:
            retired = set()
        replaced = (set(keys) & stored) | retired
        load(connection, articles, replaced=replaced)
        stored = (stored | set(keys)) - retired
        assert pairs(connection) == recomputed(connection), batch
        terms = connection.sql("select * from search_term order by all").fetchall()
        documents = connection.sql("select * from search_document order by all").fetchall()
        rebuild_search_index(connection)
        assert connection.sql("select * from search_term order by all").fetchall() == terms
        assert connection.sql("select * from search_document order by all").fetchall() \
            == documents
    assert len(stored) == connection.sql("select count(*) from search_document").fetchone()[0]
    assert pairs(connection)  # the walk did build pairs
    connection.close()
