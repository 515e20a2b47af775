"""The `newsetl` command line: each command a thin call into a flow or a reader."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, NoReturn

import typer

app = typer.Typer(help="newsetl: news-article files in, a DuckDB star schema out.",
                  no_args_is_help=True, add_completion=False,
                  pretty_exceptions_show_locals=False)

InboxOption = Annotated[Path | None, typer.Option(
    help="Folder of article files (default: NEWSETL_INBOX or samples/inbox).")]
WarehouseOption = Annotated[Path | None, typer.Option(
    help="Warehouse DuckDB file (default: NEWSETL_WAREHOUSE or warehouse/newsetl.duckdb).")]


@app.callback()
def cli() -> None:
    """newsetl: news-article files in, a DuckDB star schema out."""
    from newsetl.settings import Settings

    # newsetl's own loggers print beside Prefect's, which configures only its own.
    logger = logging.getLogger("newsetl")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(
            logging.Formatter("%(asctime)s | %(levelname)-7s | %(name)s - %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(Settings().log_level)


def fail(error: BaseException) -> NoReturn:
    """Print one clear line for a run that failed and exit 1 (traceback at DEBUG level)."""
    logging.getLogger("newsetl").debug("run failed", exc_info=error)
    typer.echo(f"newsetl: run failed: {type(error).__name__}: {error}", err=True)
    raise typer.Exit(code=1)


@app.command()
def run(inbox: InboxOption = None, warehouse: WarehouseOption = None,
        reread: Annotated[bool, typer.Option(
            help="Read every file even if its size and mtime match the ledger.")] = False,
        ) -> None:
    """Run the nightly flow once: ingest what is new or changed in the inbox.

    Exits non-zero only when the run itself failed; bad files are quarantined and counted.
    """
    from newsetl.cli_output import print_summary
    from newsetl.flows.nightly import nightly

    try:
        summary = nightly(inbox=str(inbox) if inbox else None,
                          warehouse=str(warehouse) if warehouse else None, reread=reread)
    except Exception as error:
        fail(error)
    print_summary(summary)


def main() -> None:
    """Console-script entry point."""
    app()
