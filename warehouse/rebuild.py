"""Rebuilding one publication day's star rows from the raw layer, in one transaction.

The day's rows are written by the same statements that load a nightly batch (`load`'s
write sequence: deletes of replaced articles, dimensions, facts, and whatever derived tables
the loader maintains), followed by the day's `etl_partition` row, all in one DuckDB
transaction that the data checks inspect before it commits: a day is wholly rebuilt and
recorded, or left exactly as it was.

The loader gives every replaced article a new raw version. A rebuilt article keeps the one it
has (restored as current in the same transaction), unless the current rules compute its
content hash differently: then its stored fields are written again under the new hash.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

import duckdb
import polars as pl

from newsetl.transforms.entities.type_vote import EntityTypeVote
from newsetl.transforms.ledger.partition_rows import PartitionBuild, partition_rows
from newsetl.warehouse.checks import run_checks
from newsetl.warehouse.connection import transaction
from newsetl.warehouse.load import write_staged
from newsetl.warehouse.partitions import day_totals, record_partitions
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


def replace_day(connection: duckdb.DuckDBPyConnection, rebuild: DayRebuild,
                build: PartitionBuild, vote_entity_type: EntityTypeVote) -> pl.DataFrame:
    """Rebuild one day and record it `succeeded`; returns its `etl_partition` row.

    Raises (with nothing of the day changed) if a statement or a data check fails.
    """
    frames = {"replaced_article": rebuild.replaced_article,
              "raw_article": rebuild.new_raw_article, **rebuild.star}
    frames = {name: frame for name, frame in frames.items() if frame.height > 0}
    with transaction(connection):
        with staged(connection, frames):
            write_staged(connection, frames, vote_entity_type)
        with staged(connection, {"kept_raw_article": rebuild.kept_raw_article}):
            connection.execute(read_sql("partitions/restore_kept_raw_versions.sql"))
        totals = day_totals(connection, [rebuild.published_date])
        row = partition_rows(totals, replace(build, status="succeeded",
                                             finished_at=datetime.now(UTC)))
        record_partitions(connection, row)
        run_checks(connection, build.run_id)
    return row
