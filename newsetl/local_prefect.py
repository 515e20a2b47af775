"""The temporary local Prefect server of `newsetl run`, started before anything heavy.

With no `PREFECT_API_URL`, Prefect starts a server subprocess the first time a flow needs
the API and waits for it: about 2.8 s of CPU here, nearly all of it the server importing
`prefect.server` (settings such as `PREFECT_API_BLOCKS_REGISTER_ON_START` or
`PREFECT_API_DATABASE_MIGRATE_ON_START` changed nothing measurable), then ~1–2 s to stop.
`newsetl run` instead spawns the very same server (same command, same database, same
settings) as its first action, before importing Prefect, Polars or spaCy, so the start
overlaps the CLI's own imports, the inbox pre-check and the NER workers loading the model.
The flow then runs against it as against any real server (`PREFECT_API_URL` set for the
run, as `prefect.testing.utilities.prefect_test_harness` does), with its task runs.

Flow-run heartbeats are off against this server unless set explicitly: they let a server
mark crashed runs, and this one ends with the run; the flow also waits up to a second at
its end for the heartbeat thread.

A new Prefect home's first server start also creates and migrates Prefect's database: 20 s
on this 2-core VM, alone, on a slow day. Prefect's own wait for its temporary server is
20 s by default, so a bare machine's first `newsetl run` failed. Unless
`PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS` is set, this wait is longer
(`DEFAULT_STARTUP_TIMEOUT`); a server that dies is still reported at once.

The spawn is a guess made without importing Prefect (no `PREFECT_API_URL` in the
environment or in the active profile). `prefect_api` checks it against Prefect's real
settings: a configured API wins and the spare server is stopped unused; with temporary
servers disabled nothing is started and Prefect reports its usual error.
"""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import importlib.util
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

# What Prefect's own `SubprocessASGIServer` sets for its temporary server.
_SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
               "PREFECT__SERVER_FINAL": "1"}
# Defaults for our server only (a value the user set wins): no telemetry. It fails here
# with a DNS error printed on every run, and a nightly batch job should not phone home.
_SERVER_DEFAULTS = {"PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
_FALSE = {"0", "false", "no", "off"}
_PR_SET_PDEATHSIG = 1
# Seconds to wait for a healthy server when Prefect's own setting is not set: a first
# start's database migration plus the CPU it shares with the NER workers loading the model.
DEFAULT_STARTUP_TIMEOUT = 120.0
# After this long, say why the run is waiting rather than look hung.
_SAY_WAITING_AFTER = 10.0
_HEARTBEAT_VARIABLES = {"PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "PREFECT_RUNNER_HEARTBEAT_FREQUENCY"}


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to SIGTERM it when its parent dies, so a killed
    `newsetl run` never leaves a server behind (Prefect's own relies on `atexit` only)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TemporaryServer:
    """One Prefect server subprocess on a free local port, for the length of one run."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.started_at = time.perf_counter()
        self.healthy_after: float | None = None
        spec = importlib.util.find_spec("prefect")
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError("prefect is not installed")
        app_dir = Path(next(iter(spec.submodule_search_locations))).parent
        env = {**_SERVER_DEFAULTS, **os.environ, **_SERVER_ENV}
        self.process: subprocess.Popen[bytes] | None = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(app_dir), "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1",
             "--port", str(self.port), "--log-level", "error", "--lifespan", "on"],
            env=env, stdin=subprocess.DEVNULL,
            # Only while single-threaded: code between fork and exec must not need a lock.
            preexec_fn=(_die_with_parent if sys.platform == "linux"
                        and threading.active_count() == 1 else None),
        )

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def _healthy(self) -> bool:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
        try:
            connection.request("GET", "/api/health")
            return connection.getresponse().status == 200
        except OSError:
            return False
        finally:
            connection.close()

    def wait_until_healthy(self, timeout: float) -> None:
        """Block until the API answers; raise if the server died or `timeout` passed."""
        deadline = self.started_at + timeout
        said_waiting = False
        while not self._healthy():
            assert self.process is not None, "server already stopped"
            if self.process.poll() is not None:
                raise RuntimeError(f"the temporary Prefect server exited with code "
                                   f"{self.process.returncode} before it was ready")
            if time.perf_counter() > deadline:
                raise RuntimeError(f"the temporary Prefect server was not ready after "
                                   f"{timeout:.0f} s (PREFECT_SERVER_EPHEMERAL_STARTUP_"
                                   "TIMEOUT_SECONDS)")
            if not said_waiting and time.perf_counter() - self.started_at > _SAY_WAITING_AFTER:
                said_waiting = True
                logging.getLogger("newsetl").info(
                    "waiting for Prefect's temporary server (the first start in a Prefect "
                    "home creates its database; up to %.0f s)", timeout)
            time.sleep(0.02)
        if self.healthy_after is None:
            self.healthy_after = time.perf_counter() - self.started_at

    def stop(self, wait_seconds: float = 5.0) -> None:
        """Ask the server to shut down (it finishes writing what it received) and wait."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=wait_seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _profile_sets_api_url() -> bool:
    """Whether the active Prefect profile file names an API URL (read without Prefect)."""
    home = Path(os.environ.get("PREFECT_HOME", "~/.prefect")).expanduser()
    path = Path(os.environ.get("PREFECT_PROFILES_PATH", home / "profiles.toml")).expanduser()
    try:
        profiles = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return False
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active", "ephemeral")
    settings = profiles.get("profiles", {}).get(active, {})
    return bool(settings.get("PREFECT_API_URL"))


def spawn_if_needed() -> TemporaryServer | None:
    """Start a temporary server now if Prefect will likely need one; never imports Prefect
    (if it is imported already, as in tests, its settings decide)."""
    if "prefect.settings" in sys.modules:
        from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

        needed = not PREFECT_API_URL.value() and PREFECT_SERVER_EPHEMERAL_ENABLED.value()
        return TemporaryServer() if needed else None
    if os.environ.get("PREFECT_API_URL") or _profile_sets_api_url():
        return None
    for name in ("PREFECT_SERVER_EPHEMERAL_ENABLED", "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE"):
        if os.environ.get(name, "").strip().lower() in _FALSE:
            return None
    return TemporaryServer()


def startup_timeout() -> float:
    """Seconds to wait for the temporary server: Prefect's setting if it was set (in the
    environment or the profile), else `DEFAULT_STARTUP_TIMEOUT`, not Prefect's 20 s."""
    from prefect.settings import get_current_settings

    ephemeral = get_current_settings().server.ephemeral
    if "startup_timeout_seconds" in ephemeral.model_fields_set:
        return float(ephemeral.startup_timeout_seconds)
    return DEFAULT_STARTUP_TIMEOUT


def _drain_prefect_workers() -> None:
    """Deliver the run's last logs and events before the server stops (as Prefect's test
    harness does): task-run states travel as events."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    with contextlib.suppress(RuntimeError):
        APILogWorker.drain_all(timeout=10)
    EventsWorker.drain_all(timeout=10)


@contextlib.contextmanager
def prefect_api(server: TemporaryServer | None) -> Iterator[TemporaryServer | None]:
    """Within the block, Prefect talks to an API: the configured one if any, else `server`
    (started here if the early guess did not). Yields the temporary server in use, if any;
    it is stopped when the block ends."""
    import prefect.context
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        PREFECT_SERVER_EPHEMERAL_ENABLED,
        temporary_settings,
    )

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        if server is not None:
            server.stop()
        yield None
        return
    server = server or TemporaryServer()
    try:
        server.wait_until_healthy(startup_timeout())
        updates: dict[object, object] = {PREFECT_API_URL: server.api_url}
        if not _HEARTBEAT_VARIABLES & os.environ.keys():
            # Heartbeats let a server mark crashed runs; this one dies with the run. And
            # the flow waits up to a second at its end for the heartbeat thread to wake.
            updates[PREFECT_FLOWS_HEARTBEAT_FREQUENCY] = None
        with contextlib.ExitStack() as stack:
            stack.enter_context(temporary_settings(updates=updates))  # type: ignore[arg-type]
            # Code in contextvars contexts copied earlier sees the same API.
            global_context = getattr(prefect.context, "_temporary_global_settings_context",
                                     None)
            if global_context is not None:
                stack.enter_context(global_context(prefect.context.get_settings_context()))
            try:
                yield server
            finally:
                _drain_prefect_workers()
    finally:
        server.stop()
