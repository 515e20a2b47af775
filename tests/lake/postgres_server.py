"""A throwaway PostgreSQL cluster on loopback, from Debian's `postgresql` package.

Tests of the PostgreSQL-catalog DuckLake backend (and `bench/bench_ducklake.py`) start one:
`initdb` in a temporary folder, the server listening on 127.0.0.1 only, on a free port, its
unix sockets in that folder, trust authentication (loopback only, nothing else can reach it),
and durability off (a test cluster never outlives its process). Stopped and removed at the
end. Missing binaries raise: the tests fail rather than skip (`make test` installs them).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# initdb refuses to run as root: the server runs as this user when we are root.
_SERVER_USER = "postgres"
_START_ATTEMPTS = 5  # another process may take the free port before the server binds it


class PostgresUnavailableError(RuntimeError):
    """PostgreSQL's server binaries are not installed (`make test` installs `postgresql`)."""


@dataclass(frozen=True)
class PostgresServer:
    """A running cluster: where it listens and how to reach a database on it."""

    host: str
    port: int
    user: str
    folder: Path
    bin_dir: Path

    def libpq(self, dbname: str) -> str:
        """A libpq connection string for `dbname` (what DuckDB's postgres extension takes)."""
        return f"dbname={dbname} host={self.host} port={self.port} user={self.user}"

    def ducklake_catalog(self, dbname: str) -> str:
        """`NEWSETL_DUCKLAKE_CATALOG` for a DuckLake catalog in `dbname`."""
        return f"postgres:{self.libpq(dbname)}"

    def psql(self, sql: str, dbname: str = "postgres") -> str:
        """Run one statement with `psql`; its output, tuples only."""
        psql = shutil.which("psql") or str(self.bin_dir / "psql")
        completed = subprocess.run(
            [psql, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", self.host,
             "-p", str(self.port), "-U", self.user, "-d", dbname, "-c", sql],
            check=True, capture_output=True, text=True, timeout=60)
        return completed.stdout.strip()

    def create_database(self, dbname: str) -> str:
        """A new, empty database; its libpq connection string."""
        self.psql(f'create database "{dbname}"')
        return self.libpq(dbname)


def postgres_bin_dir() -> Path:
    """The folder of `initdb` and `pg_ctl`: on PATH, or Debian's versioned folder."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(os.path.realpath(on_path)).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                      key=lambda path: int(path.parent.parent.name)
                      if path.parent.parent.name.isdigit() else 0)
    if versions:
        return versions[-1].parent
    raise PostgresUnavailableError(
        "PostgreSQL's initdb/pg_ctl were not found (on PATH or /usr/lib/postgresql/*/bin); "
        "install Debian's `postgresql` package (`make test` does)")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", _SERVER_USER, "--", *command]


@contextmanager
def postgres_server(parent: Path | None = None) -> Iterator[PostgresServer]:
    """Start a cluster in a new folder under `parent` (default: the system temp folder,
    which the server user can reach, unlike pytest's root-only temp folders); stop it and
    remove the folder at the end."""
    bin_dir = postgres_bin_dir()
    folder = Path(tempfile.mkdtemp(prefix="newsetl-pg-", dir=parent))
    data = folder / "data"
    log_file = folder / "server.log"
    if os.geteuid() == 0:
        shutil.chown(folder, user=_SERVER_USER, group=_SERVER_USER)
    user = _SERVER_USER if os.geteuid() == 0 else (os.environ.get("USER") or "postgres")
    started = False
    try:
        subprocess.run(_as_server_user(
            [str(bin_dir / "initdb"), "-D", str(data), "-U", user, "--auth=trust",
             "--encoding=UTF8", "--locale=C", "--no-sync"]),
            check=True, capture_output=True, text=True, timeout=120)
        for attempt in range(_START_ATTEMPTS):
            port = _free_port()
            options = (f"-c listen_addresses=127.0.0.1 -p {port} "
                       f"-c unix_socket_directories={folder} -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off "
                       "-c max_connections=100")
            completed = subprocess.run(_as_server_user(
                [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log_file), "-o", options,
                 "-w", "-t", "60", "start"]), capture_output=True, text=True, timeout=120)
            if completed.returncode == 0:
                started = True
                break
            if attempt == _START_ATTEMPTS - 1:
                log_text = log_file.read_text(errors="replace") if log_file.exists() else ""
                raise RuntimeError(f"PostgreSQL did not start: {completed.stderr}\n{log_text}")
        yield PostgresServer("127.0.0.1", port, user, folder, bin_dir)
    finally:
        if started:
            subprocess.run(_as_server_user(
                [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                capture_output=True, text=True, timeout=60, check=False)
        shutil.rmtree(folder, ignore_errors=True)
