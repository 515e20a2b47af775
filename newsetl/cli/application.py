"""The `newsetl` Typer application: its options shared by commands, the log set-up every
command gets, and the one way a command fails."""

from __future__ import annotations

import logging
from typing import NoReturn

import typer

from newsetl.transforms.display import display_text  # stdlib only: no start-up cost

app = typer.Typer(help="newsetl: news-article files in, a DuckDB star schema out.",
                  no_args_is_help=True, add_completion=False,
                  pretty_exceptions_show_locals=False)


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

