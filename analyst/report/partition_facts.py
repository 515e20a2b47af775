"""The per-day facts every backfill mode chooses from, read from a warehouse connection.

`newsetl backfill` (its plan and its dry run) and the report's partition section both read
them here, so the report says about a day what a backfill would do with it.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import duckdb
import polars as pl

from newsetl.transforms.articles.batch import RecordRules, prepare_records
from newsetl.transforms.ledger.partition_rows import raw_records
from newsetl.transforms.ledger.partition_selection import with_orphans, with_unfinished
from newsetl.warehouse.partitions import day_facts, orphan_raw_articles, unfinished_days
from newsetl.warehouse.runs import RunVersions

# dim_date's calendar: every publication day a warehouse can hold.
FIRST_DAY, LAST_DAY = date(1800, 1, 1), date(2199, 12, 31)


class BackfillFacts(NamedTuple):
    """The facts per day (`DAY_FACT_SCHEMA`) and the orphans placed on the range's days
    (`article_id`, `published_date`)."""

    facts: pl.DataFrame
    placed_orphans: pl.DataFrame


def backfill_facts(connection: duckdb.DuckDBPyConnection, versions: RunVersions,
                   rules: RecordRules, start_date: date = FIRST_DAY,
                   end_date: date = LAST_DAY) -> BackfillFacts:
    """Each day of the range with articles, orphans or a recorded build: its articles, the
    raw articles not in the star placed on it by `rules`, those built by versions other than
    `versions`, and its recorded build (days a dead run left unfinished count as failed)."""
    orphans = prepare_records(raw_records(orphan_raw_articles(connection)), rules).valid
    placed = orphans.select("article_id", "published_date").filter(
        pl.col("published_date").is_between(start_date, end_date))
    unfinished = unfinished_days(connection).filter(
        pl.col("published_date").is_between(start_date, end_date))
    facts = with_unfinished(with_orphans(day_facts(connection, start_date, end_date, versions),
                                         placed), unfinished)
    return BackfillFacts(facts, placed)


class BuildBasis(NamedTuple):
    """What this code builds a day with: the versions a day built by other ones is stale
    against, and the record rules that place raw articles not in the star on their days."""

    versions: RunVersions
    rules: RecordRules
