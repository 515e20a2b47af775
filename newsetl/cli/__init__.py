"""The `newsetl` command line: each command a thin call into a flow or a reader.

`application.py` holds the Typer app and how a command fails, `writer_commands.py` the commands
that write (run, backfill, serve, writer-limit), `analyst_commands.py` those that read
(sql, search, report, status)."""

# Importing them registers the commands, writers first: the order `newsetl --help` shows.
from . import writer_commands  # noqa: F401  # isort: skip
from . import analyst_commands  # noqa: F401  # isort: skip
from .application import app, fail

__all__ = ["app", "fail", "main"]


def main() -> None:
    """Console-script entry point."""
    app()
