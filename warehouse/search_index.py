"""The BM25 full-text index over articles (DuckDB's `fts` extension from its PyPI package)."""

from __future__ import annotations

import duckdb

from newsetl.warehouse.connection import load_extension
from newsetl.warehouse.sql_files import read_sql


def build_search_index(connection: duckdb.DuckDBPyConnection) -> None:
    """(Re)build the index on `dim_article` of the connection's current database.

    The fts extension cannot update an index in place, so the whole index is rebuilt
    (about 7.6 s for 50,000 articles of ~300 words; see bench/bench_publish_and_marts.py).
    """
    load_extension(connection, "fts")
    connection.execute(read_sql("search/create_fts_index.sql"))
