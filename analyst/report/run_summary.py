"""The markdown summary of one run, attached to its flow run in the Prefect UI."""

from __future__ import annotations

import duckdb
import polars as pl

from newsetl.transforms.ledger.run_summary import run_summary_markdown
from newsetl.warehouse.sql_files import read_sql


def run_summary(connection: duckdb.DuckDBPyConnection, run_id: str,
                report_link: str | None = None, top: int = 10) -> str:
    """The markdown summary of run `run_id` (for the run's Prefect artifact)."""
    def frame(name: str, **params: object) -> pl.DataFrame:
        cursor = connection.execute(read_sql(f"report/{name}.sql"), {"run_id": run_id, **params})
        columns = [column[0] for column in cursor.description or []]
        return pl.DataFrame(cursor.fetchall(), schema=columns, orient="row")

    untagged = frame("run_untagged")
    return run_summary_markdown(run_id, frame("run_outcomes"), frame("run_top_entities", top=top),
                                frame("run_quarantine"), report_link,
                                ignored_fields=frame("run_ignored_fields"),
                                languages=frame("run_languages"),
                                untagged=int(untagged.item()) if untagged.height else 0)
