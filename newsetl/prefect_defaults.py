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

    server = get_current_settings().server
    updates: dict[object, object] = {}
    if "startup_timeout_seconds" not in server.ephemeral.model_fields_set:
        updates[PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS] = STARTUP_TIMEOUT_SECONDS
    if "analytics_enabled" not in server.model_fields_set:
        updates[PREFECT_SERVER_ANALYTICS_ENABLED] = False
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        with temporary_settings(updates=updates):  # type: ignore[arg-type]
            yield
    finally:
        signal.signal(signal.SIGTERM, previous)
