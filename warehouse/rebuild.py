"""What one publication day's rebuild writes, beside the load's write sequence.

The day's rows are written by the same statements that load a nightly batch (`load`'s
write sequence: deletes of replaced articles, dimensions, facts, and whatever derived tables
the loader maintains), followed by the day's `etl_partition` row, all in one DuckDB
transaction that the data checks inspect before it commits (`newsetl.flows.loading`
assembles it): a day is wholly rebuilt and recorded, or left exactly as it was.

The loader gives every replaced article a new raw version. A rebuilt article keeps the one it
has (restored as current in the same transaction), unless the current rules compute its
content hash differently: then its stored fields are written again under the new hash.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import polars as pl

from newsetl.warehouse.sql_files import read_sql
from newsetl.warehouse.staging import staged


@dataclass
class DayRebuild:
    """Every row a day's rebuild writes."""

    published_date: date
    replaced_article: pl.DataFrame  # article_id, article_key of every rebuilt article
    kept_raw_article: pl.DataFrame  # article_id, content_hash: raw versions that stay current
    new_raw_article: pl.DataFrame  # raw_article rows of articles whose content hash changed
    star: dict[str, pl.DataFrame]  # dim_* and fct_* rows by table name

    def frames(self) -> dict[str, pl.DataFrame]:
        """The non-empty frames the load's write sequence takes, by table name."""
        frames = {"replaced_article": self.replaced_article,
                  "raw_article": self.new_raw_article, **self.star}
        return {name: frame for name, frame in frames.items() if frame.height > 0}


def restore_kept_raw_versions(connection: duckdb.DuckDBPyConnection,
                              kept_raw_article: pl.DataFrame) -> None:
    """Make current again the raw versions of rebuilt articles whose content hash is
    unchanged (`article_id`, `content_hash`), inside the caller's transaction."""
    with staged(connection, {"kept_raw_article": kept_raw_article}):
        connection.execute(read_sql("partitions/restore_kept_raw_versions.sql"))
