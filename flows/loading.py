"""Writing a batch or a rebuilt day: the warehouse's writes and the entity type and name
votes, in one DuckDB transaction.

The warehouse writes staged frames (`newsetl.warehouse.load`); the votes on each entity's
type and spelling are transforms over the mention counts the writes leave
(`vote_entity_type`, `vote_canonical_names`), so this module sits in the flows and runs them
between the others. Either everything is committed or nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import duckdb
import polars as pl

from newsetl.transforms.entities.gazetteer import Gazetteer
from newsetl.transforms.entities.place_facts import superseded_places
from newsetl.transforms.entities.spelling_vote import vote_canonical_names
from newsetl.transforms.entities.type_vote import vote_entity_type
from newsetl.transforms.ledger.partition_rows import PartitionBuild, partition_rows
from newsetl.warehouse.checks import run_checks
from newsetl.warehouse.connection import transaction
from newsetl.warehouse.load import (
    LoadBatch,
    entity_label_counts,
    entity_spelling_counts,
    places_sharing_ids,
    retire_places,
    update_entity_names,
    update_entity_types,
    write_staged,
)
from newsetl.warehouse.partitions import day_totals, record_partitions
from newsetl.warehouse.rebuild import DayRebuild, restore_kept_raw_versions
from newsetl.warehouse.runs import RunCounts, save_counts
from newsetl.warehouse.staging import staged


def _write(connection: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame],
           gazetteer: Gazetteer | None) -> None:
    """The load's writes for staged `frames`, then the entity types and names voted again."""
    write_staged(connection, frames)
    if "dim_place" in frames:  # rows older keys or an older gazetteer made
        retire_places(connection, superseded_places(places_sharing_ids(connection), gazetteer))
    if "dim_entity" in frames:
        # names first: the type vote reads whether the voted name is one word
        update_entity_names(connection, vote_canonical_names(entity_spelling_counts(connection)))
        update_entity_types(connection, vote_entity_type(entity_label_counts(connection)))


def load_batch(connection: duckdb.DuckDBPyConnection, batch: LoadBatch,
               run_counts: tuple[str, RunCounts] | None = None,
               gazetteer: Gazetteer | None = None) -> None:
    """Write `batch` in one transaction; on any error nothing of it is kept. `gazetteer`, the
    one that linked the batch's places, tells which stored places an older one named.

    `run_counts` (run id, the run's counts including this batch) are saved to `etl_run` in
    the same transaction, so a run killed later still counts what it committed."""
    frames = batch.frames()
    with transaction(connection), staged(connection, frames):
        _write(connection, frames, gazetteer)
        if run_counts is not None:
            save_counts(connection, *run_counts)


def replace_day(connection: duckdb.DuckDBPyConnection, rebuild: DayRebuild,
                build: PartitionBuild, gazetteer: Gazetteer | None = None) -> pl.DataFrame:
    """Rebuild one day and record it `succeeded`; returns its `etl_partition` row.

    Raises (with nothing of the day changed) if a statement or a data check fails.
    """
    frames = rebuild.frames()
    with transaction(connection):
        with staged(connection, frames):
            _write(connection, frames, gazetteer)
        restore_kept_raw_versions(connection, rebuild.kept_raw_article)
        totals = day_totals(connection, [rebuild.published_date])
        row = partition_rows(totals, replace(build, status="succeeded",
                                             finished_at=datetime.now(UTC)))
        record_partitions(connection, row)
        run_checks(connection, build.run_id)
    return row
