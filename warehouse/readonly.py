"""Analysts' connections to the published warehouse: read-only, sandboxed, time-, memory- and
thread-limited.

`read_only=True` alone is no sandbox (it still reads and writes files through table
functions, `COPY` and `ATTACH`), so after loading the one extension readers need (fts, for
search) the session also disables external access and locks its configuration. Loading must
come first: with external access disabled DuckDB refuses to load any extension file.
DuckDB's default memory limit is 80 % of RAM, also read-only: one analyst aggregate reached
6 GB on the machine the nightly run uses, so a session gets its own `memory_limit` and
`threads` (in the connection's configuration, never formatted into SQL); a statement that
needs more fails with one line saying so, and the session goes on.

On DuckLake (`backend.connect_reader`) the session may still read the catalog file and the
data folder: they are DuckDB's `allowed_paths`/`allowed_directories`, set before external
access is disabled, and the lake is attached read-only.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import duckdb

from newsetl.settings import WarehouseTarget
from newsetl.warehouse.backend import (
    Snapshot,
    SnapshotUnsupportedError,
    as_target,
    connect_reader,
    warehouse_exists,
)
from newsetl.warehouse.connection import load_extension

_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
}
# Statement types a session runs; the configuration lock is the real guard, this gives one
# clear refusal for the rest (including `set`, which DuckDB allows for some session options).
# Pragmas that only read (`pragma table_info(...)`, `pragma show_tables`, `pragma version`)
# reach us rewritten as queries; the others (`pragma enable_profiling`, `pragma threads=1`)
# are PRAGMA or SET statements and are refused.
_READ_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN,
                    duckdb.StatementType.CALL}
_ALLOWED = ("select, with, from, explain, describe, show, summarize, call, and the pragmas "
            "that only read, such as pragma table_info, show_tables, database_size, version")
# `checkpoint`, `force checkpoint` (CALL statements) and the table functions behind them
# write the database file: DuckDB runs them even on a read-only file, so they are refused.
_CHECKPOINT_WORDS = frozenset({"checkpoint", "force_checkpoint"})


class AnalystError(RuntimeError):
    """A statement refused or failed; the message is one line, fit for a terminal."""


@dataclass(frozen=True)
class QueryResult:
    """Columns and at most `max_rows` rows; `truncated` when more rows existed."""

    columns: list[str]
    rows: list[tuple[object, ...]]
    truncated: bool


def connect_analyst(path: Path | WarehouseTarget, timeout_seconds: float,
                    memory_limit: str | None = None, threads: int | None = None,
                    snapshot: Snapshot | None = None) -> AnalystSession:
    """Open the published warehouse at `path` (or a DuckLake warehouse: its last committed
    snapshot, or `snapshot`, a version or a time) for one analyst session.

    `memory_limit` (DuckDB's, e.g. "2GB") and `threads` cap the session; None: DuckDB's
    defaults (80 % of RAM, every core). Sessions of one process share one DuckDB instance,
    so they must ask for the same caps. A snapshot of the DuckDB file is refused."""
    target = as_target(path)
    if snapshot is not None and not target.is_lake:
        raise AnalystError(f"refused: --at-snapshot/--at: {SnapshotUnsupportedError.MESSAGE}")
    if not warehouse_exists(target):
        what = "DuckLake catalog" if target.is_lake else "published warehouse"
        raise AnalystError(f"no {what} at {target.describe()}: a committed run "
                           f"{'creates' if target.is_lake else 'publishes'} it")
    config = dict(_CONFIG)
    if memory_limit:
        config["memory_limit"] = memory_limit
    if threads:
        config["threads"] = threads
    try:
        connection = connect_reader(target, config, snapshot)
        if _setting(connection, "lock_configuration"):
            # DuckDB shares one database instance between connections of a process to the
            # same file: an earlier analyst session already locked it down.
            if _setting(connection, "enable_external_access"):
                raise AnalystError(f"{target.describe()} is open unlocked in this process")
        else:
            load_extension(connection, "fts")
            connection.execute("set enable_external_access = false")
            connection.execute("set lock_configuration = true")
    except duckdb.Error as error:
        raise AnalystError(f"cannot open {target.describe()}: {one_line(error)}") from error
    return AnalystSession(connection, timeout_seconds)


def _setting(connection: duckdb.DuckDBPyConnection, name: str) -> bool:
    row = connection.execute("select current_setting(?)", [name]).fetchone()
    return bool(row and row[0])


class AnalystSession:
    """One locked-down connection; every statement is interrupted after the timeout."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, timeout_seconds: float) -> None:
        self.connection = connection
        self.timeout_seconds = timeout_seconds

    def query(self, sql: str, params: dict[str, object] | None = None,
              max_rows: int | None = None) -> QueryResult:
        """Run one read statement; fetch at most `max_rows` rows (all when None)."""
        statement = _single_read_statement(self.connection, sql)
        timer = threading.Timer(self.timeout_seconds, self.connection.interrupt)
        timer.start()
        try:
            cursor = self.connection.execute(statement, params)
            columns = [column[0] for column in cursor.description or []]
            if max_rows is None:
                return QueryResult(columns, cursor.fetchall(), truncated=False)
            rows = cursor.fetchmany(max_rows + 1)
            return QueryResult(columns, rows[:max_rows], truncated=len(rows) > max_rows)
        except duckdb.InterruptException as error:
            self._reset()
            raise AnalystError(
                f"interrupted: the statement ran longer than {self.timeout_seconds:g} s"
            ) from error
        except duckdb.OutOfMemoryException as error:
            self._reset()
            raise AnalystError(
                f"out of memory: the statement needs more than this session's memory limit "
                f"({self._memory_limit()}, NEWSETL_ANALYST_MEMORY_LIMIT); filter or aggregate "
                f"more ({one_line(error)})"
            ) from error
        except duckdb.Error as error:
            self._reset()
            raise AnalystError(_describe(error)) from error
        finally:
            timer.cancel()

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()

    def __enter__(self) -> AnalystSession:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def _memory_limit(self) -> str:
        try:
            row = self.connection.execute("select current_setting('memory_limit')").fetchone()
        except duckdb.Error:
            return "unknown"
        return str(row[0]) if row else "unknown"

    def _reset(self) -> None:
        with contextlib.suppress(duckdb.Error):  # no transaction was open
            self.connection.execute("rollback")


def _single_read_statement(connection: duckdb.DuckDBPyConnection, sql: str) -> str:
    try:
        statements = connection.extract_statements(sql)
    except duckdb.Error as error:
        raise AnalystError(_describe(error)) from error
    if len(statements) != 1:
        raise AnalystError(f"refused: one statement at a time (got {len(statements)})")
    statement = statements[0]
    if statement.type not in _READ_STATEMENTS:
        kind = statement.type.name.lower()
        raise AnalystError(f"refused: {kind} statement; the analyst warehouse is read-only "
                           f"and runs queries only ({_ALLOWED})")
    if _is_checkpoint(statement.query):
        raise AnalystError("refused: checkpoint writes the database file; the analyst "
                           f"warehouse is read-only and runs queries only ({_ALLOWED})")
    return statement.query


def _is_checkpoint(query: str) -> bool:
    """Whether `query` is `[force] checkpoint` or calls `checkpoint()`/`force_checkpoint()`
    (read from DuckDB's own tokens, so comments and string literals never count)."""
    tokens = duckdb.tokenize(query)
    starts = [start for start, _ in tokens] + [len(query)]
    texts = [query[start:end].strip() for start, end in itertools.pairwise(starts)]
    words = [(text.strip('"').lower(), index) for index, ((_, kind), text)
             in enumerate(zip(tokens, texts, strict=True))
             if kind in (duckdb.token_type.keyword, duckdb.token_type.identifier)]
    leading = [word for word, _ in words[:2]]
    return (leading[:1] == ["checkpoint"] or leading == ["force", "checkpoint"]
            or any(word in _CHECKPOINT_WORDS and texts[index + 1:index + 2] == ["("]
                   for word, index in words))


def _describe(error: duckdb.Error) -> str:
    if isinstance(error, duckdb.PermissionException):
        return f"refused: {one_line(error)}"
    if "read-only mode" in str(error):
        return f"refused: {one_line(error)}"
    return one_line(error)


def one_line(error: BaseException) -> str:
    """An exception as one line: its first line, whitespace collapsed."""
    lines = str(error).strip().splitlines() or [type(error).__name__]
    return " ".join(lines[0].split())
