"""`newsetl sql`: ad-hoc SQL on the published warehouse, one statement or a prompt.

Reads only the published copy (`Settings.resolved_published_warehouse`), never the writer's
file, so it never blocks a run; a run's publish never waits for it either.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path

from newsetl.analyst.formats import FORMATS, OutputFormat, render
from newsetl.settings import Settings, WarehouseTarget
from newsetl.warehouse.backend import Snapshot, as_target
from newsetl.warehouse.readonly import AnalystError, AnalystSession, connect_analyst

_PROMPT, _MORE = "newsetl> ", "     ..> "
_HELP = ("End a statement with ';'. Commands: .format table|csv|json|markdown, "
         ".tables, .help, .quit (or Ctrl-D).")


def answer(path: Path | WarehouseTarget, statement: str | None, fmt: OutputFormat,
           settings: Settings, write: Callable[[str], None] = print,
           snapshot: Snapshot | None = None) -> None:
    """`newsetl sql`: write STATEMENT's result, or with no statement open the prompt, under
    the analyst limits of SETTINGS (rows, timeout, memory, threads, history file); on a
    DuckLake warehouse at SNAPSHOT (a version or a time) when given."""
    if statement is None:
        interactive(path, fmt, settings.analyst_max_rows, settings.analyst_timeout_seconds,
                    settings.analyst_history_file, memory_limit=settings.analyst_memory_limit,
                    threads=settings.analyst_threads, snapshot=snapshot)
        return
    write(run_statement(path, statement, fmt, settings.analyst_max_rows,
                        settings.analyst_timeout_seconds, settings.analyst_memory_limit,
                        settings.analyst_threads, snapshot))


def run_statement(path: Path | WarehouseTarget, sql: str, fmt: OutputFormat = "table",
                  max_rows: int = 200, timeout: float = 30.0, memory_limit: str | None = None,
                  threads: int | None = None, snapshot: Snapshot | None = None) -> str:
    """Run one SQL statement on the published warehouse and print its result.

    The warehouse is opened read-only with file access, extensions and settings locked:
    only queries run. At most MAX_ROWS rows are printed; a statement running longer than
    TIMEOUT seconds is interrupted; one needing more than MEMORY_LIMIT fails. Errors are
    one line (raised as AnalystError). On DuckLake, SNAPSHOT (a version or a time) reads a
    past state; on the DuckDB file it is refused.
    """
    with connect_analyst(path, timeout, memory_limit, threads, snapshot) as session:
        return _run(session, sql, fmt, max_rows)


def _run(session: AnalystSession, sql: str, fmt: OutputFormat, max_rows: int) -> str:
    result = session.query(sql, max_rows=max_rows)
    text = render(result.columns, result.rows, fmt)
    if not result.truncated:
        return text
    notice = f"(showing the first {max_rows} rows; more exist: add a limit or an aggregate)"
    if fmt in ("csv", "json"):  # keep the output parseable: the notice goes to stderr
        print(notice, file=sys.stderr)
        return text
    return f"{text}\n{notice}"


def interactive(path: Path | WarehouseTarget, fmt: OutputFormat = "table", max_rows: int = 200,
                timeout: float = 30.0, history_file: Path | None = None,
                read_line: Callable[[str], str] = input,
                write: Callable[[str], None] = print, memory_limit: str | None = None,
                threads: int | None = None, snapshot: Snapshot | None = None) -> None:
    """Open a SQL prompt on the published warehouse (history kept in HISTORY_FILE).

    Statements end with ';'. `.format NAME` switches the output, `.tables` lists tables
    and views, `.quit` or Ctrl-D leaves. The same locks, row limit, timeout and memory
    limit as `newsetl sql "SQL"` apply to every statement.
    """
    history = history_file.expanduser() if history_file else None
    _load_history(history)
    at = "" if snapshot is None else f" at snapshot {snapshot}"
    write(f"newsetl sql on {as_target(path).describe()}{at} (read-only). {_HELP}")
    try:
        with connect_analyst(path, timeout, memory_limit, threads, snapshot) as session:
            _loop(session, fmt, max_rows, read_line, write)
    finally:
        _save_history(history)


def _loop(session: AnalystSession, fmt: OutputFormat, max_rows: int,
          read_line: Callable[[str], str], write: Callable[[str], None]) -> None:
    pending: list[str] = []
    while True:
        try:
            line = read_line(_MORE if pending else _PROMPT)
        except EOFError:
            write("")
            return
        except KeyboardInterrupt:
            pending.clear()
            write("")
            continue
        stripped = line.strip()
        if not pending and stripped.startswith("."):
            command, _, argument = stripped.partition(" ")
            if command in (".quit", ".exit"):
                return
            fmt = _command(session, command, argument.strip(), fmt, max_rows, write)
            continue
        if stripped:
            pending.append(line)
        if pending and stripped.endswith(";"):
            sql, pending = "\n".join(pending), []
            try:
                write(_run(session, sql, fmt, max_rows))
            except AnalystError as error:
                write(f"Error: {error}")


def _command(session: AnalystSession, command: str, argument: str, fmt: OutputFormat,
             max_rows: int, write: Callable[[str], None]) -> OutputFormat:
    if command == ".format" and argument in FORMATS:
        return argument  # type: ignore[return-value]
    if command == ".tables":
        write(_run(session, "select table_name, table_type from information_schema.tables "
                   "where table_schema = 'main' order by table_name;", fmt, max_rows))
    else:
        write(_HELP)
    return fmt


def _load_history(history: Path | None) -> None:
    with contextlib.suppress(ImportError, OSError):
        import readline  # importing it gives input() line editing and history

        readline.set_history_length(5000)
        if history is not None and history.is_file():
            readline.read_history_file(history)


def _save_history(history: Path | None) -> None:
    if history is None:
        return
    with contextlib.suppress(ImportError, OSError):
        import readline

        readline.write_history_file(history)
