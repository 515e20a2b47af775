"""The stored side of the story clusters: the stored articles a batch's new bands may join.

Candidates are found by a join on (band, band_hash) in `story_lsh_band`, so nothing is
kept in memory between runs; the clustering itself is a transform
(`newsetl.transforms.articles.stories`).
"""

from __future__ import annotations

import duckdb
import polars as pl

from newsetl.warehouse.sql_files import read_sql
from newsetl.warehouse.staging import staged

NEIGHBOUR_SCHEMA = {
    "article_key": pl.Int64(),
    "published_at": pl.Datetime("us", "UTC"),
    "story_key": pl.Int64(),
    "band": pl.Int16(),
    "band_hash": pl.Int64(),
    "minhash": pl.List(pl.UInt32()),
}


def story_neighbours(connection: duckdb.DuckDBPyConnection, bands: pl.DataFrame,
                     replaced_keys: pl.DataFrame) -> pl.DataFrame:
    """Every stored article of the stories that `bands` (`article_key`, `band`,
    `band_hash` of the articles being loaded) reach or that lose one of `replaced_keys`
    (`article_key`), with its bands (`NEIGHBOUR_SCHEMA`); see the SQL file."""
    frames = {"story_band": bands.select("article_key", "band", "band_hash"),
              "story_replaced": replaced_keys.select("article_key")}
    with staged(connection, frames):
        stored = connection.sql(read_sql("load/select_story_neighbours.sql")).pl()
    return stored.cast(NEIGHBOUR_SCHEMA)  # type: ignore[arg-type]
