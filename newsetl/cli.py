"""The `newsetl` command line: each command a thin call into a flow or a reader."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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

    summary = nightly(inbox=str(inbox) if inbox else None,
                      warehouse=str(warehouse) if warehouse else None, reread=reread)
    print_summary(summary)


def main() -> None:
    """Console-script entry point."""
    app()
