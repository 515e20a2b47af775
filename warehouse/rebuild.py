"""Rebuilding one publication day's star rows from the raw layer, in one transaction.

The day's old facts and dim_article rows are deleted, its new rows inserted and its
`etl_partition` row recorded in one DuckDB transaction, which the data checks inspect before
it commits: a day is wholly rebuilt and recorded, or left exactly as it was.

Unlike `load_batch`'s replaced articles (changed in the inbox, so given a new raw version), a
rebuilt article keeps its raw version; only an article whose content hash the current rules
compute differently gets its stored fields again under the new hash.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

import duckdb
import polars as pl

from newsetl.transforms.partition_rows import PartitionBuild, partition_rows
from newsetl.warehouse.checks import run_checks
from newsetl.warehouse.partitions import day_totals, record_partitions, transaction
from newsetl.warehouse.sql_files import read_sql
from newsetl.warehouse.staging import staged

_DELETE_REPLACED = (
    "load/delete_replaced_fct_entity_mention.sql",
    "load/delete_replaced_fct_article_entity.sql",
    "load/delete_replaced_fct_date_mention.sql",
    "load/delete_replaced_dim_article.sql",
)
_INSERT_NEW_DIMENSIONS = {
    "dim_source": "load/insert_new_dim_source.sql",
    "dim_entity": "load/insert_new_dim_entity.sql",
    "dim_entity_alias": "load/insert_new_dim_entity_alias.sql",
}
# Tables a rebuild appends to, in order; names come from this fixed list only.
_APPEND_TABLES = ("dim_article", "fct_entity_mention", "fct_article_entity", "fct_date_mention")

EntityTypeVote = Callable[[pl.DataFrame], pl.DataFrame]


@dataclass
class DayRebuild:
    """Every row a day's rebuild writes."""

    published_date: date
    replaced_article: pl.DataFrame  # article_id, article_key of every rebuilt article
    new_raw_article: pl.DataFrame  # raw_article rows of articles whose content hash changed
    star: dict[str, pl.DataFrame]  # dim_* and fct_* rows by table name


def replace_day(connection: duckdb.DuckDBPyConnection, rebuild: DayRebuild,
                build: PartitionBuild, vote_entity_type: EntityTypeVote) -> pl.DataFrame:
    """Rebuild one day and record it `succeeded`; returns its `etl_partition` row.

    Raises (with nothing of the day changed) if a statement or a data check fails.
    """
    with transaction(connection):
        with staged(connection, {"replaced_article": rebuild.replaced_article}):
            for path in _DELETE_REPLACED:
                connection.execute(read_sql(path))
        _new_raw_versions(connection, rebuild.new_raw_article)
        _insert_star(connection, rebuild.star, vote_entity_type)
        totals = day_totals(connection, [rebuild.published_date])
        row = partition_rows(totals, replace(build, status="succeeded",
                                             finished_at=datetime.now(UTC)))
        record_partitions(connection, row)
        run_checks(connection, build.run_id)
    return row


def _new_raw_versions(connection: duckdb.DuckDBPyConnection, rows: pl.DataFrame) -> None:
    if rows.is_empty():
        return
    with staged(connection, {"replaced_article": rows.select("article_id"), "raw_article": rows}):
        connection.execute(read_sql("load/retire_raw_versions.sql"))
        connection.execute("insert into raw_article by name select * from staged_raw_article")


def _insert_star(connection: duckdb.DuckDBPyConnection, star: dict[str, pl.DataFrame],
                 vote_entity_type: EntityTypeVote) -> None:
    frames = {name: frame for name, frame in star.items() if frame.height > 0}
    with staged(connection, frames):
        for table, path in _INSERT_NEW_DIMENSIONS.items():
            if table in frames:
                connection.execute(read_sql(path))
        for table in _APPEND_TABLES:
            if table in frames:
                connection.execute(f"insert into {table} by name select * from staged_{table}")
        if "dim_entity" in frames:
            counts = connection.sql(read_sql("load/select_entity_label_counts.sql")).pl()
            with staged(connection, {"entity_type": vote_entity_type(counts)}):
                connection.execute(read_sql("load/update_dim_entity_type.sql"))
