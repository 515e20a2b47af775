"""The search terms behind `newsetl search` (tables `search_term`, `search_document`).

The writer keeps them in each batch's transaction (`load.py` runs the `load/*search*`
statements: a replaced article's rows are deleted, the batch's articles tokenised and
inserted), so they always match `dim_article` and publishing copies them with the rest.
BM25 is computed at query time (`search/match_articles.sql`). Tokens are those of DuckDB's
fts index (porter stems from the fts extension's `stem`, English stop-words left out).
"""

from __future__ import annotations

import duckdb

from newsetl.warehouse.connection import load_extension, transaction
from newsetl.warehouse.sql_files import read_sql

# The load's statements, run here over every article instead of one batch's.
_FILL = (
    "load/stage_loaded_search_term.sql",
    "load/insert_loaded_search_term.sql",
    "load/insert_loaded_search_document.sql",
    "load/drop_loaded_search_term.sql",
)


def rebuild_search_index(connection: duckdb.DuckDBPyConnection) -> None:
    """Re-tokenise every article of `dim_article`, in one transaction.

    The load keeps the terms up to date; this is for rows written around it (test
    fixtures, benchmarks' synthetic warehouses) and repairs. About 20 s at 50,000 articles.
    """
    load_extension(connection, "fts")
    with transaction(connection):
        connection.execute("delete from search_term")
        connection.execute("delete from search_document")
        # The load's statements read the batch from the view `staged_dim_article`.
        connection.execute("create or replace temp view staged_dim_article as "
                           "select article_key, title, text from dim_article")
        for path in _FILL:
            connection.execute(read_sql(path))
        connection.execute("drop view staged_dim_article")
