"""The commands that write: `run`, `backfill`, `serve` and `writer-limit`, each a thin
call into a flow (imported when the command runs, so `--help` stays fast)."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .application import app, fail

if TYPE_CHECKING:
    from prefect.states import State

    from newsetl.flows.backfill_result import BackfillResult


InboxOption = Annotated[Path | None, typer.Option(
    help="Folder of article files (default: NEWSETL_INBOX or samples/inbox).")]
WarehouseOption = Annotated[Path | None, typer.Option(
    help="Warehouse DuckDB file (default: NEWSETL_WAREHOUSE or data/newsetl.duckdb).")]

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
    from newsetl.flows.backfill import backfill as backfill_alone
    from newsetl.flows.backfill import backfill_flow
    from newsetl.prefect_defaults import api_for_other_processes, prefect_defaults
    from newsetl.settings import Settings

    ask = _must_ask(start_date, end_date, dry_run, yes)
    if warehouse is not None:
        # The flow reads its settings from the environment, as a deployment's run does.
        os.environ["NEWSETL_WAREHOUSE"] = str(warehouse)
    settings = Settings()
    with prefect_defaults():
        _log_to_file(warehouse)
        _check_orchestrator()
        if ask:  # a dry run tags nothing: no cluster for it
            _confirm(backfill_alone(start_date=start_date.date(), end_date=end_date.date(),
                                    mode=mode, dry_run=True, return_state=True))
        with api_for_other_processes(settings.ner_executor == "dask" and not dry_run):
            state = backfill_flow(settings)(
                start_date=start_date.date(), end_date=end_date.date(), mode=mode,
                dry_run=dry_run, return_state=True)
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
