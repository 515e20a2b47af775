"""Reads of the ledger the pipeline plans with: file states and stored article identities."""

from __future__ import annotations

import duckdb
import polars as pl

from newsetl.transforms.schemas import EXISTING_SCHEMA
from newsetl.warehouse.sql_files import read_sql
from newsetl.warehouse.staging import staged

# Current articles and the file each was loaded from.
ARTICLE_FILE_SCHEMA = {"article_id": pl.String(), "article_key": pl.Int64(),
                       "file_path": pl.String()}
FILE_STATE_SCHEMA = {
    "file_path": pl.String(),
    "size_bytes": pl.Int64(),
    "mtime_ns": pl.Int64(),
    "content_hash": pl.String(),
}


def file_states(connection: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Last known size, mtime and hash of every inbox path."""
    frame = connection.sql(
        "select file_path, size_bytes, mtime_ns, content_hash from etl_file_state"
    ).pl()
    return frame.cast(FILE_STATE_SCHEMA)  # type: ignore[arg-type]


def articles_from_files(connection: duckdb.DuckDBPyConnection,
                        file_paths: list[str]) -> pl.DataFrame:
    """(`article_id`, `article_key`, `file_path`) of current articles loaded from these files."""
    if not file_paths:  # an unchanged rerun's: no query, no frame handed to DuckDB
        return pl.DataFrame(schema=ARTICLE_FILE_SCHEMA)
    files = pl.DataFrame({"file_path": file_paths}, schema={"file_path": pl.String()})
    with staged(connection, {"read_file": files}):
        frame = connection.sql(read_sql("load/select_articles_from_files.sql")).pl()
    return frame.cast(ARTICLE_FILE_SCHEMA)  # type: ignore[arg-type]


def stored_articles(connection: duckdb.DuckDBPyConnection,
                    identities: pl.DataFrame) -> pl.DataFrame:
    """(`article_id`, `content_hash`) of stored articles sharing an id or hash with
    `identities` (columns `article_id`, `content_hash`)."""
    if identities.is_empty():
        return pl.DataFrame(schema=EXISTING_SCHEMA)
    with staged(connection, {"identity": identities.select("article_id", "content_hash")}):
        frame = connection.sql(read_sql("load/select_stored_articles.sql")).pl()
    return frame.cast(EXISTING_SCHEMA)  # type: ignore[arg-type]
