"""The commands that read: `sql`, `search`, `report` and `status`, on the published copy
(or a lake's snapshot), never the writer's file, so they never wait for a run."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from newsetl.transforms.display import display_text

from .application import app

if TYPE_CHECKING:
    from newsetl.settings import WarehouseTarget

T = TypeVar("T")

# `--warehouse` names the writer's file in every command; the analyst commands read that
# warehouse's published copy (the one `run --warehouse` publishes), never the writer file,
# so they never wait for a run. `--file` reads any other DuckDB file, read-only.
AnalystWarehouseOption = Annotated[Path | None, typer.Option(
    "--warehouse",
    help="Warehouse (the writer's file, as for `run`) whose published copy to read "
    "(default: NEWSETL_WAREHOUSE; NEWSETL_PUBLISHED_WAREHOUSE, if set, names the copy).")]
AnalystFileOption = Annotated[Path | None, typer.Option(
    "--file", help="Read this DuckDB file instead (read-only), e.g. a copy of a warehouse.")]


def _published(warehouse: Path | None, file: Path | None) -> Path | WarehouseTarget:
    """What an analyst command reads: `--file`, else the published copy of the warehouse,
    or on the ducklake backend (NEWSETL_BACKEND) the lake itself."""
    from newsetl.settings import Settings

    if file is not None and warehouse is not None:
        raise typer.BadParameter("give --warehouse or --file, not both", param_hint="--file")
    if file is not None:
        return file
    overrides = {"warehouse": warehouse} if warehouse is not None else {}
    return Settings(**overrides).analyst_target


def _analyst_call(function: Callable[[], T]) -> T:
    from newsetl.warehouse.readonly import AnalystError

    try:
        return function()
    except AnalystError as error:
        typer.echo(f"newsetl: {display_text(str(error))}", err=True)
        raise typer.Exit(code=1) from None


@app.command()
def sql(statement: Annotated[str | None, typer.Argument(
            help="One read-only SQL statement; omit it for an interactive prompt.")] = None,
        warehouse: AnalystWarehouseOption = None,
        file: AnalystFileOption = None,
        output_format: Annotated[str, typer.Option(
            "--format", help="table, csv, json or markdown.")] = "table",
        at_snapshot: Annotated[int | None, typer.Option(
            "--at-snapshot", help="DuckLake only: read this past snapshot (a version number, "
            "as `select * from lake.snapshots()` lists them).")] = None,
        at: Annotated[str | None, typer.Option(
            "--at", help="DuckLake only: read the snapshot current at this time (ISO 8601, "
            "UTC unless it names an offset).")] = None) -> None:
    """Query the published warehouse, read-only and locked down; never blocks a run."""
    from newsetl.analyst.formats import FORMATS
    from newsetl.analyst.query import answer
    from newsetl.settings import Settings

    if output_format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    path = _published(warehouse, file)
    snapshot = _snapshot(at_snapshot, at)
    _analyst_call(lambda: answer(path, statement, output_format,  # type: ignore[arg-type]
                                 Settings(), write=typer.echo, snapshot=snapshot))


def _snapshot(at_snapshot: int | None, at: str | None) -> int | datetime | None:
    """`--at-snapshot` or `--at` (one of them), as the snapshot to read."""
    if at_snapshot is not None and at is not None:
        raise typer.BadParameter("give --at-snapshot or --at, not both", param_hint="--at")
    if at is None:
        return at_snapshot
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        raise typer.BadParameter(f"not an ISO 8601 time: {at!r}", param_hint="--at") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@app.command()
def search(words: Annotated[str, typer.Argument(help="Words to search for.")],
           warehouse: AnalystWarehouseOption = None,
           file: AnalystFileOption = None,
           limit: Annotated[int, typer.Option(help="Most hits to show.")] = 10) -> None:
    """Rank articles by BM25 relevance: date, title, score and a snippet, one hit a line."""
    from newsetl.analyst.search import search_lines
    from newsetl.settings import Settings

    path = _published(warehouse, file)
    typer.echo(_analyst_call(lambda: search_lines(path, words, limit, Settings())))


@app.command()
def report(output: Annotated[Path, typer.Option(help="HTML file to write.")],
           warehouse: AnalystWarehouseOption = None,
           file: AnalystFileOption = None) -> None:
    """Write one self-contained HTML report (charts embedded, no network needed)."""
    from newsetl.analyst.report import write_report
    from newsetl.analyst.report.partition_facts import BuildBasis
    from newsetl.flows.decisions import record_rules, run_versions
    from newsetl.settings import Settings

    settings, path = Settings(), _published(warehouse, file)
    # Days are judged as a backfill started now would judge them.
    basis = BuildBasis(run_versions(settings), record_rules(settings, datetime.now(UTC).date()))
    written = _analyst_call(lambda: write_report(
        path, output, basis, memory_limit=settings.analyst_memory_limit,
        threads=settings.analyst_threads))
    typer.echo(f"report written to {display_text(str(written))}")


@app.command()
def status(warehouse: AnalystWarehouseOption = None, file: AnalystFileOption = None) -> None:
    """Freshness of the published warehouse: the last successful nightly run and the newest
    publication day; exits 1 when either is older than NEWSETL_FRESHNESS_MAX_HOURS /
    NEWSETL_FRESHNESS_MAX_DAY_LAG allow (for a monitor or cron to alert on)."""
    from newsetl.settings import Settings
    from newsetl.warehouse.freshness import check_freshness

    settings, path = Settings(), _published(warehouse, file)
    freshness = _analyst_call(lambda: check_freshness(
        path, settings.freshness_max_hours, settings.freshness_max_day_lag,
        settings.analyst_timeout_seconds))
    typer.echo("\n".join(display_text(line) for line in freshness.text().splitlines()))
    if freshness.problems:
        raise typer.Exit(code=1)
