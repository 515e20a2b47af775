"""newsetl's defaults for Prefect's own temporary server, in Prefect's public settings.

With no `PREFECT_API_URL`, a `newsetl run` or `newsetl backfill` gets Prefect's temporary
server: Prefect starts it when the flow first needs the API and stops it when the process
exits. Two of Prefect's defaults do not suit that here, so within `prefect_defaults()`
they are changed unless the user set them (in the environment or the Prefect profile):
- `PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS`: `STARTUP_TIMEOUT_SECONDS` instead of
  20, because a new Prefect home's first start creates and migrates Prefect's database,
  ~20 s on a 2-core machine, and Prefect's 20 s made a bare machine's first run fail;
- `PREFECT_SERVER_ANALYTICS_ENABLED`: false, so the temporary server sends no telemetry (a
  nightly batch job should not phone home; without network it logged a DNS error).
Against a running server (`PREFECT_API_URL` set) neither has any effect.

Prefect stops its temporary server in an exit handler, which a process killed by a signal's
default action never runs: within `prefect_defaults()` SIGTERM ends the command as an error
does (`SystemExit`, exit handlers run), so `kill` leaves no server behind. (Prefect's flow
engine turns a SIGTERM during a flow run into a crashed run first, then calls this handler.)
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

STARTUP_TIMEOUT_SECONDS = 120
_SIGTERM_STATUS = 128 + signal.SIGTERM


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(_SIGTERM_STATUS)


@contextmanager
def prefect_defaults() -> Iterator[None]:
    """Within the block, Prefect's settings with newsetl's defaults where the user set none."""
    from prefect.settings import (
        PREFECT_SERVER_ANALYTICS_ENABLED,
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
        get_current_settings,
        temporary_settings,
    )

    current = get_current_settings()
    server = current.server
    updates: dict[object, object] = {}
    # Against a running server they would change nothing, and building the temporary
    # settings costs 0.1-0.3 s of every run (more under load).
    if "startup_timeout_seconds" not in server.ephemeral.model_fields_set and not current.api.url:
        updates[PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS] = STARTUP_TIMEOUT_SECONDS
    if "analytics_enabled" not in server.model_fields_set and not current.api.url:
        updates[PREFECT_SERVER_ANALYTICS_ENABLED] = False
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        if updates:
            with temporary_settings(updates=updates):  # type: ignore[arg-type]
                yield
        else:
            yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def api_for_other_processes(needed: bool) -> Iterator[None]:
    """Within the block, an API address other processes can use (`needed`: tasks run on
    Dask workers, which report their task runs to the flow's Prefect API).

    With no `PREFECT_API_URL`, Prefect starts its temporary server for this process only,
    and each Dask worker would start one of its own (~20 s each, on the same database);
    here the one temporary server is started first and its address set for the block, so
    the workers, which receive this process's settings with every task, use it too.
    """
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    current = get_current_settings()
    if not needed or current.api.url:
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the one Prefect would start (stopped at exit)
    server.start(timeout=current.server.ephemeral.startup_timeout_seconds)
    with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
        yield
