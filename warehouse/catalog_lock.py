"""The writer lock of a DuckLake catalog in PostgreSQL: an advisory lock in the catalog database.

Writers of one PostgreSQL catalog may run on several machines, where the OS lock of
`warehouse/lock.py` cannot reach. The catalog database itself serializes them: a writer
holds a transaction-level advisory lock (`pg_try_advisory_xact_lock`) on a dedicated
connection of its own for as long as it writes. PostgreSQL ends that transaction, and so
releases the lock, the moment the connection drops: a killed writer never blocks the next.

Why the whole session and not each load transaction: DuckLake (1.5.5, measured here)
detects conflicts per table, not per data file or partition: a transaction that inserts into
a table fails at commit when another committed a delete from that table meanwhile, whichever
days either touched. Every load deletes replaced rows, so two loads never commit
concurrently anyway; and inserts never conflict, so two writers adding the same new
dimension row would both succeed. One writer at a time is what keeps keys unique.

The dedicated connection is a DuckDB connection with the `postgres` extension, so no other
PostgreSQL client is needed. A session-level lock (`pg_advisory_lock`) would not hold there:
the extension hands its connections back to a pool with `DISCARD ALL`, which releases them
(seen on 1.5.5); inside an open DuckDB transaction it keeps one connection and one PostgreSQL
transaction, so the transaction-level lock holds until we end it. The lock's session names
the writer (`application_name`), so a writer that waits can say who holds the lock, and it
turns `idle_in_transaction_session_timeout` off, which would otherwise end a long run's lock
behind its back.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from newsetl.warehouse.connection import load_extension
from newsetl.warehouse.lock import WriterBusyError

log = logging.getLogger(__name__)

# The advisory lock's two int4 keys: newsetl's ("news" in ASCII) and the warehouse writer's.
# Advisory locks belong to one database, so each catalog database has its own writer lock.
LOCK_CLASS_ID = 0x6E657773
LOCK_OBJECT_ID = 1
_LOCK_DATABASE = "newsetl_writer_lock"
_TRY_LOCK = (f"select pg_try_advisory_xact_lock({LOCK_CLASS_ID}, {LOCK_OBJECT_ID}) "
             "as acquired")
_HOLDER = (
    "select coalesce(a.application_name, '') as name, coalesce(host(a.client_addr), 'local') "
    "as address, a.backend_start::text as since from pg_locks l join pg_stat_activity a "
    f"on a.pid = l.pid where l.locktype = 'advisory' and l.classid = {LOCK_CLASS_ID} "
    f"and l.objid = {LOCK_OBJECT_ID} and l.objsubid = 2 and l.granted"
)
_APPLICATION_NAME_BYTES = 63  # PostgreSQL's NAMEDATALEN - 1; longer names are cut


def postgres_conninfo(catalog: str) -> str:
    """The libpq connection string of a `postgres:…` DuckLake catalog setting."""
    if not catalog.startswith("postgres:"):
        raise ValueError(f"not a PostgreSQL catalog (postgres:…): {catalog!r}")
    return catalog.removeprefix("postgres:").strip()


def writer_application_name(purpose: str) -> str:
    """What the lock's session is called in `pg_stat_activity`: host, process and purpose
    (printable ASCII only, cut to PostgreSQL's 63 bytes)."""
    name = f"newsetl {socket.gethostname()} pid {os.getpid()}: {purpose}"
    return re.sub(r"[^ -~]", "?", name)[:_APPLICATION_NAME_BYTES]


def _conninfo_value(value: str) -> str:
    """A libpq keyword value, quoted (backslash and single quote escaped)."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _lock_connection(conninfo: str, purpose: str) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the catalog database attached for the lock (later keys of
    a libpq string win, so ours replace any the setting gave)."""
    session = (f"{conninfo} application_name={_conninfo_value(writer_application_name(purpose))}"
               f" options={_conninfo_value('-c idle_in_transaction_session_timeout=0')}")
    connection = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False,
                                                    "autoload_known_extensions": False})
    try:
        load_extension(connection, "postgres")
        # ATTACH takes no bound parameters: the connection string is a setting, quoted.
        literal = "'" + session.replace("'", "''") + "'"
        connection.execute(f"attach {literal} as {_LOCK_DATABASE} (type postgres)")
    except BaseException:
        connection.close()
        raise
    return connection


def _query(connection: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[object, ...]]:
    """One statement on the lock's PostgreSQL connection (in the open transaction)."""
    return connection.execute("select * from postgres_query(?, ?)",
                              [_LOCK_DATABASE, sql]).fetchall()


def lock_holder(connection: duckdb.DuckDBPyConnection) -> str:
    """Who holds the writer lock, as PostgreSQL knows them."""
    rows = _query(connection, _HOLDER)
    if not rows:
        return "a writer that has just finished"
    name, address, since = rows[0]
    return f"{name or 'an unnamed session'} (from {address}, connected since {since})"


@contextmanager
def catalog_writer_lock(catalog: str, purpose: str, timeout_seconds: float,
                        poll_seconds: float = 0.5) -> Iterator[None]:
    """Hold the writer lock of the PostgreSQL catalog `catalog` (`postgres:…`) for the block,
    waiting up to `timeout_seconds` for another writer; `WriterBusyError` names the holder.
    """
    connection = _lock_connection(postgres_conninfo(catalog), purpose)
    started = time.monotonic()
    waited = False
    try:
        connection.execute("begin transaction")
        while not _query(connection, _TRY_LOCK)[0][0]:
            holder = lock_holder(connection)
            if not waited:
                log.info("waiting up to %.0f s for the DuckLake catalog's writer lock, held "
                         "by %s", timeout_seconds, holder)
                waited = True
            if time.monotonic() - started >= timeout_seconds:
                raise WriterBusyError(
                    f"the DuckLake catalog is being written by {holder}; waited "
                    f"{timeout_seconds:.0f} s")
            time.sleep(poll_seconds)
        if waited:
            log.info("got the DuckLake catalog's writer lock after %.1f s",
                     time.monotonic() - started)
        yield
    finally:
        connection.close()  # ends the PostgreSQL transaction: the lock is released
