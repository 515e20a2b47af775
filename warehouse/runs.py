"""The `etl_run` ledger: a run is recorded when it starts and closed when it ends."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

import duckdb
import polars as pl

from newsetl.warehouse.sql_files import read_sql


@dataclass
class RunCounts:
    """What a run did, counted by the flow as it decides each outcome."""

    files_seen: int = 0
    files_loaded: int = 0
    files_unchanged: int = 0
    files_duplicate: int = 0
    files_quarantined: int = 0
    records_seen: int = 0
    articles_new: int = 0
    articles_changed: int = 0
    articles_unchanged: int = 0
    articles_duplicate: int = 0
    records_quarantined: int = 0
    articles_retired: int = 0
    entity_mentions: int = 0
    date_mentions: int = 0
    articles_untagged: int = 0  # loaded without NER: no model for their language

    def add(self, other: RunCounts) -> None:
        """Add another batch's counts to these."""
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)


@dataclass(frozen=True)
class RunVersions:
    """The versions that make a run's rows, so a later run can tell what is stale."""

    newsetl_version: str
    model_name: str
    model_version: str
    rules_version: str


@dataclass
class RunRecord:
    """One run's identity and what it was started with."""

    run_id: str
    run_kind: str
    versions: RunVersions
    inbox: str | None = None
    flow_run_id: str | None = None
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def mark_interrupted_runs(connection: duckdb.DuckDBPyConnection) -> int:
    """Close runs left `running` or `publishing` by a killed process; returns how many."""
    row = connection.execute(
        "select count(*) from etl_run where status in ('running', 'publishing')"
    ).fetchone()
    connection.execute(read_sql("load/mark_interrupted_runs.sql"))
    return int(row[0]) if row else 0


def start_run(connection: duckdb.DuckDBPyConnection, run: RunRecord) -> None:
    """Record a run as `running`."""
    connection.execute(
        """
        insert into etl_run (run_id, run_kind, flow_run_id, status, started_at,
            newsetl_version, model_name, model_version, rules_version, inbox)
        values (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)
        """,
        [run.run_id, run.run_kind, run.flow_run_id, run.started_at,
         run.versions.newsetl_version, run.versions.model_name, run.versions.model_version,
         run.versions.rules_version, run.inbox],
    )


def save_counts(connection: duckdb.DuckDBPyConnection, run_id: str, counts: RunCounts) -> None:
    """Write a run's counts so far (checks compare them with the ledger)."""
    values = asdict(counts)
    assignments = ", ".join(f"{name} = ?" for name in values)  # names: RunCounts' fields
    connection.execute(f"update etl_run set {assignments} where run_id = ?",
                       [*values.values(), run_id])


def finish_run(connection: duckdb.DuckDBPyConnection, run: RunRecord, counts: RunCounts,
               *, error: str | None = None, status: str = "succeeded") -> float:
    """Close a run as `status` (no error: `succeeded`, or `publishing` until its copy is
    published) or `failed`, with its counts; returns seconds."""
    finished_at = datetime.now(UTC)
    seconds = (finished_at - run.started_at).total_seconds()
    save_counts(connection, run.run_id, counts)
    connection.execute(
        "update etl_run set status = ?, finished_at = ?, seconds = ?, error = ? where run_id = ?",
        ["failed" if error else status, finished_at, seconds, error, run.run_id],
    )
    return seconds


def mark_published(connection: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """A `publishing` run whose copy is now published becomes `succeeded`."""
    connection.execute(read_sql("load/mark_published_run.sql"), {"run_id": run_id})


def record_publish_failure(connection: duckdb.DuckDBPyConnection, run_id: str,
                           cause: str) -> None:
    """A committed run that could not be checkpointed or published: `publish_failed` (a run
    already `failed` stays so), with the cause added to its error."""
    connection.execute(read_sql("load/record_publish_failure.sql"),
                       {"run_id": run_id, "cause": cause})


def record_flow_run_failure(connection: duckdb.DuckDBPyConnection, flow_run_id: str,
                            error: str) -> int:
    """Close the runs of a failed or crashed Prefect flow run still open; returns how many."""
    row = connection.execute(
        "select count(*) from etl_run where flow_run_id = ? and status in "
        "('running', 'publishing')", [flow_run_id]).fetchone()
    connection.execute(read_sql("load/record_flow_run_failure.sql"),
                       {"flow_run_id": flow_run_id, "error": error})
    return int(row[0]) if row else 0


def previous_run(connection: duckdb.DuckDBPyConnection,
                 run_id: str) -> tuple[str, RunVersions] | None:
    """The status and versions of the run started last before `run_id`; None if none."""
    row = connection.execute(read_sql("load/select_previous_run.sql"),
                             {"run_id": run_id}).fetchone()
    return None if row is None else (str(row[0]), RunVersions(*row[1:]))


def run_ignored_fields(connection: duckdb.DuckDBPyConnection, run_id: str) -> pl.DataFrame:
    """The input fields run `run_id` read and no mapping uses (`field_name`, `records`,
    `example_file`), most frequent first."""
    return connection.sql(read_sql("report/run_ignored_fields.sql"),
                          params={"run_id": run_id}).pl()
