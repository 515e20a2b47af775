"""Before a flow starts or deployments are served: does the Prefect API answer at all?

A server that accepts connections but never answers (a hung process, a proxy with nothing
behind it) would make the flow's first API call wait `PREFECT_API_REQUEST_TIMEOUT` (60 s),
retried `PREFECT_CLIENT_MAX_RETRIES` (5) times with back-off: minutes of silence. One health
request with a short timeout and no retry says so at once.
"""

from __future__ import annotations

import time

import httpx
from prefect import get_client
from prefect.settings import PREFECT_API_URL, PREFECT_CLIENT_MAX_RETRIES, temporary_settings


class OrchestratorUnreachableError(RuntimeError):
    """The Prefect API did not answer its health check in time."""


def check_api(timeout_seconds: float) -> float:
    """Ask the configured Prefect API for its health, waiting at most `timeout_seconds`;
    returns the seconds it took, raises `OrchestratorUnreachableError` naming the URL.
    Without PREFECT_API_URL there is nothing to ask (0.0): Prefect starts its temporary
    server when the flow first needs it, and says so itself if that fails."""
    url = PREFECT_API_URL.value()
    if not url:
        return 0.0
    started = time.monotonic()
    with temporary_settings(updates={PREFECT_CLIENT_MAX_RETRIES: 0}), get_client(
            sync_client=True, httpx_settings={"timeout": httpx.Timeout(timeout_seconds)},
    ) as client:
        error = client.api_healthcheck()
    seconds = time.monotonic() - started
    if isinstance(error, httpx.TimeoutException):
        raise OrchestratorUnreachableError(
            f"the Prefect API at {url} did not answer within {timeout_seconds:.0f} s "
            "(NEWSETL_API_CHECK_TIMEOUT_SECONDS): it accepts connections but does not "
            "respond; check the server behind PREFECT_API_URL") from error
    if error is not None:
        raise OrchestratorUnreachableError(
            f"the Prefect API at {url} cannot be reached: {type(error).__name__}: {error}"
        ) from error
    return seconds
