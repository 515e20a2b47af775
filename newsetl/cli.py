"""The `newsetl` command line: each command a thin call into a flow or a reader."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from newsetl.transforms.display import display_text  # stdlib only: no start-up cost

if TYPE_CHECKING:
    from prefect.states import State

    from newsetl.flows.backfill_result import BackfillResult
    from newsetl.settings import WarehouseTarget

T = TypeVar("T")

app = typer.Typer(help="newsetl: news-article files in, a DuckDB star schema out.",
                  no_args_is_help=True, add_completion=False,
                  pretty_exceptions_show_locals=False)

InboxOption = Annotated[Path | None, typer.Option(
    help="Folder of article files (default: NEWSETL_INBOX or samples/inbox).")]
WarehouseOption = Annotated[Path | None, typer.Option(
    help="Warehouse DuckDB file (default: NEWSETL_WAREHOUSE or data/newsetl.duckdb).")]


@app.callback()
def cli() -> None:
    """newsetl: news-article files in, a DuckDB star schema out."""
    from newsetl.settings import Settings

    # newsetl's own loggers print beside Prefect's, which configures only its own; not
    # propagated, or Prefect's handler on the root logger would print each line again.
    logger = logging.getLogger("newsetl")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(
            logging.Formatter("%(asctime)s | %(levelname)-7s | %(name)s - %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(Settings().log_level)


def fail(error: BaseException) -> NoReturn:
    """Print a failed run's error and its first cause in one line and exit 1; the full
    traceback goes to the log file (`newsetl.cli_logging`), not the terminal."""
    if isinstance(error, typer.Exit):
        raise error
    from newsetl.cli_logging import first_cause, log_traceback

    log_traceback("run failed", error)
    line = f"{type(error).__name__}: {str(error).strip()}"
    cause = first_cause(error)
    if cause is not error and str(cause).strip() not in line:
        line += f" (first cause: {type(cause).__name__}: {str(cause).strip()})"
    typer.echo(f"newsetl: run failed: {display_text(line)}", err=True)
    raise typer.Exit(code=1)


def _log_to_file(warehouse: Path | None) -> None:
    """Full log with tracebacks to NEWSETL_LOG_FILE; terminal lines without them."""
    from newsetl.cli_logging import configure
    from newsetl.settings import Settings

    settings = Settings(**({"warehouse": warehouse} if warehouse is not None else {}))
    configure(settings.resolved_log_file, settings.show_tracebacks)


def _check_orchestrator() -> None:
    """Fail at once, in one line, when the Prefect API does not answer its health check
    within NEWSETL_API_CHECK_TIMEOUT_SECONDS (rather than hang in Prefect's retries)."""
    from newsetl.flows.api_check import OrchestratorUnreachableError, check_api
    from newsetl.settings import Settings

    try:
        check_api(Settings().api_check_timeout_seconds)
    except OrchestratorUnreachableError as error:
        fail(error)


@app.command()
def run(inbox: InboxOption = None, warehouse: WarehouseOption = None,
        reread: Annotated[bool, typer.Option(
            help="Read every file even if its size and mtime match the ledger.")] = False,
        ) -> None:
    """Run the nightly flow once: ingest what is new or changed in the inbox.

    Exits non-zero only when the run itself failed; bad files are quarantined and counted.
    """
    from newsetl.flows.nightly import nightly_flow
    from newsetl.prefect_defaults import api_for_other_processes, prefect_defaults
    from newsetl.settings import Settings

    try:
        settings = Settings()
        with prefect_defaults():
            _log_to_file(warehouse)
            _check_orchestrator()
            with api_for_other_processes(settings.ner_executor == "dask"):
                summary = nightly_flow(settings)(
                    inbox=str(inbox) if inbox else None,
                    warehouse=str(warehouse) if warehouse else None, reread=reread)
    except Exception as error:
        fail(error)
    typer.echo(summary.text())


DayArgument = Annotated[datetime, typer.Argument(
    formats=["%Y-%m-%d"], help="Publication day, YYYY-MM-DD (inclusive).")]


@app.command()
def backfill(start_date: DayArgument, end_date: DayArgument,
             mode: Annotated[str, typer.Option(
                 help="missing | failed | stale | all (see docs/operations.md).")] = "missing",
             dry_run: Annotated[bool, typer.Option(
                 help="Only list the days, their article counts and reasons.")] = False,
             warehouse: WarehouseOption = None,
             yes: Annotated[bool, typer.Option(
                 "--yes", "-y", help="Rebuild a range over NEWSETL_BACKFILL_CONFIRM_DAYS days "
                 "without asking first.")] = False,
             ) -> None:
    """Rebuild publication days from the raw layer, as the `backfill` deployment does.

    Prints one row per day; exits 1 if any day (or the backfill itself) failed. A range of
    more than NEWSETL_BACKFILL_CONFIRM_DAYS days is first planned (its dry run: days,
    articles, chunks) and rebuilt only once confirmed; --yes skips the question; exits 2,
    having changed nothing, when not confirmed or when there is no terminal to ask on.
    """
    from newsetl.flows.backfill import backfill as backfill_flow
    from newsetl.prefect_defaults import prefect_defaults

    ask = _must_ask(start_date, end_date, dry_run, yes)
    if warehouse is not None:
        # The flow reads its settings from the environment, as a deployment's run does.
        os.environ["NEWSETL_WAREHOUSE"] = str(warehouse)
    with prefect_defaults():
        _log_to_file(warehouse)
        _check_orchestrator()
        if ask:
            _confirm(backfill_flow(start_date=start_date.date(), end_date=end_date.date(),
                                   mode=mode, dry_run=True, return_state=True))
        state = backfill_flow(start_date=start_date.date(), end_date=end_date.date(),
                              mode=mode, dry_run=dry_run, return_state=True)
    result = state.result(raise_on_failure=False)
    if isinstance(result, BaseException):
        fail(result)
    typer.echo(result.markdown())
    if result.failed_days:
        raise typer.Exit(code=1)


def _must_ask(start: datetime, end: datetime, dry_run: bool, yes: bool) -> bool:
    """Whether a backfill of `start`..`end` must be confirmed first: a real run over more
    than NEWSETL_BACKFILL_CONFIRM_DAYS days without --yes. With no terminal to ask on, it
    is refused here (exit 2), before anything starts."""
    from newsetl.settings import Settings

    limit = Settings().backfill_confirm_days
    days = (end - start).days + 1  # a reversed range is the flow's to report
    if dry_run or yes or days <= limit:
        return False
    if not sys.stdin.isatty():
        typer.echo(f"newsetl: {start:%Y-%m-%d}..{end:%Y-%m-%d} is {days:,} days, more than "
                   f"NEWSETL_BACKFILL_CONFIRM_DAYS ({limit:,}), and there is no terminal to "
                   "ask on: see what it would rebuild with --dry-run, then run it again with "
                   "--yes. Nothing was changed.", err=True)
        raise typer.Exit(code=2)
    return True


def _confirm(dry_run: State[BackfillResult]) -> None:
    """Show a huge backfill's dry run (days, articles, chunks) and ask before rebuilding;
    exit 2 unless confirmed. Nothing to rebuild: nothing to ask."""
    plan = dry_run.result(raise_on_failure=False)
    if isinstance(plan, BaseException):
        fail(plan)
    typer.echo(plan.summary())
    if not plan.days:
        return
    try:
        confirmed = typer.confirm(f"Rebuild these {len(plan.days):,} day(s) now?", default=False)
    except typer.Abort:  # Ctrl-C or Ctrl-D at the question
        confirmed = False
    if not confirmed:
        typer.echo("newsetl: not confirmed; nothing was changed.", err=True)
        raise typer.Exit(code=2)


@app.command()
def serve() -> None:
    """Serve the `nightly` (cron) and `backfill` deployments to the Prefect API named by
    PREFECT_API_URL, running their flow runs here until Ctrl+C."""
    from newsetl.flows.serve import serve as serve_deployments
    from newsetl.settings import Settings

    _check_orchestrator()
    serve_deployments(Settings())


@app.command("writer-limit")
def writer_limit() -> None:
    """After `prefect deploy`: attach the shared one-writer concurrency limit to the
    `nightly` and `backfill` deployments (`newsetl serve` does this itself)."""
    from newsetl.flows.serve import link_writer_limit
    from newsetl.settings import Settings

    typer.echo(f"writer limit {link_writer_limit(Settings())} attached")


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


def main() -> None:
    """Console-script entry point."""
    app()
