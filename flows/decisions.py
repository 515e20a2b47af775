"""A batch's records decided against what the warehouse holds.

One function for the nightly flow's decide task and for the guess of its first batch made
before the flow starts (`newsetl.ner_ahead`), so the guess cannot drift from the flow.
"""

from __future__ import annotations

import duckdb
import polars as pl

from newsetl.ingest.batches import FileBatch
from newsetl.transforms.articles.batch import (
    BatchDecision,
    RecordRules,
    decide_outcomes,
    prepare_records,
)
from newsetl.warehouse.ledger import articles_from_files, stored_articles


def decide_against_warehouse(connection: duckdb.DuckDBPyConnection, files: FileBatch,
                             rules: RecordRules, in_flight: pl.DataFrame | None = None,
                             earlier_parts: pl.DataFrame | None = None) -> BatchDecision:
    """Prepare the batch's records and give each one its outcome.

    `in_flight` holds the identities of the previous batch, tagged but not yet loaded, so
    a record repeating one of them is judged as if that batch were already committed.
    `earlier_parts` are the outcomes of the earlier parts of a file split across batches.
    Reads only; `connection` may be read-only.
    """
    prepared = prepare_records(files.records, rules)
    stored = stored_articles(connection, prepared.valid)
    if in_flight is not None:
        # In-flight rows come last: they are newer than what the warehouse holds for an id.
        stored = pl.concat([stored, in_flight])
    read_paths = files.files.filter(pl.col("read_status") == "read").get_column("file_path")
    earlier = articles_from_files(connection, read_paths.to_list())
    return decide_outcomes(prepared, files.rejects, stored, earlier, earlier_parts)
