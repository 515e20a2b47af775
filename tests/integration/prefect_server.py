"""A real `prefect server start` on 127.0.0.1 and a free port, with its own PREFECT_HOME, and
`newsetl serve` against it: started as a user would, stopped at the end, every wait bounded."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.conftest import REPO

BIN = Path(sys.executable).parent
SERVER_START_SECONDS = 90.0


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(check: Callable[[], object], timeout: float, what: str,
               interval: float = 0.25) -> object:
    """`check()`'s first truthy value, or AssertionError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = check()
        except (httpx.HTTPError, OSError):
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


@dataclass(frozen=True)
class PrefectServer:
    """A running server and the environment that points clients at it."""

    url: str
    home: Path

    @property
    def api_url(self) -> str:
        return f"{self.url}/api"

    def env(self, **extra: str) -> dict[str, str]:
        """os.environ for a client process of this server (plus `extra`)."""
        return {**os.environ, "PREFECT_API_URL": self.api_url, "PREFECT_HOME": str(self.home),
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false", **extra}


def stop(process: subprocess.Popen[bytes], seconds: float = 20.0) -> None:
    """SIGTERM the process group, then SIGKILL it if it has not ended in `seconds`."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(seconds)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(seconds)


@contextmanager
def prefect_server(home: Path, **extra_env: str) -> Iterator[PrefectServer]:
    """`prefect server start` with its own PREFECT_HOME (its SQLite database lives there);
    `extra_env`: more settings for the server process."""
    home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = PrefectServer(f"http://127.0.0.1:{port}", home)
    # Runs held back by the writer limit are retried after 1 s here (30 s by default); the
    # UI must call the API on this port, not the default one.
    env = server.env(PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS="1",
                     PREFECT_SERVER_UI_API_URL=server.api_url, **extra_env)
    env.pop("PREFECT_API_URL")
    with (home / "server.log").open("wb") as log:
        process = subprocess.Popen(
            [BIN / "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_until(lambda: process.poll() is not None
                       or httpx.get(f"{server.api_url}/health", timeout=2).status_code == 200,
                       SERVER_START_SECONDS, "prefect server start")
            assert process.poll() is None, (home / "server.log").read_text()[-2000:]
            yield server
        finally:
            stop(process)


@contextmanager
def newsetl_serve(env: dict[str, str], log_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`newsetl serve` with `env`, stopped (SIGTERM, graceful) at the end."""
    with log_path.open("wb") as log:
        process = subprocess.Popen([BIN / "newsetl", "serve"], env=env, cwd=REPO, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield process
        finally:
            stop(process)
