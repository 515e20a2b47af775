"""`newsetl serve`: the `nightly` and `backfill` deployments, served from one process.

Both deployments share one Prefect global concurrency limit with a single slot, attached
as their deployment concurrency limit: a run that finds the slot taken is put in the
`AwaitingConcurrencySlot` state (shown as waiting in the UI) and retried, instead of
failing. The slot is bookkeeping for people; the warehouse's own writer lock (an OS flock,
released the instant its holder dies) is what keeps two writers apart, including a manual
`newsetl run` that no Prefect limit sees.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Iterable
from uuid import UUID

from prefect import get_client
from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
from prefect.deployments.runner import RunnerDeployment
from prefect.exceptions import ObjectNotFound, TerminationSignal
from prefect.runner import Runner
from prefect.schedules import Cron
from prefect.types.entrypoint import EntrypointType

from newsetl import __version__
from newsetl.settings import Settings

from .automation_files import apply_automation, zombie_automation
from .backfill import backfill
from .deployed import entrypoint
from .nightly import nightly

log = logging.getLogger(__name__)
DEPLOYMENT_NAMES = ("nightly/nightly", "backfill/backfill")
TAGS = ["newsetl"]


def deployments(settings: Settings) -> list[RunnerDeployment]:
    """The two deployments: nightly on its cron schedule, backfill on demand. Both are
    registered active: stopping `serve` pauses them (Prefect's default), starting it resumes."""
    scheduled = nightly.to_deployment(
        name="nightly",
        schedule=Cron(settings.nightly_cron, timezone=settings.schedule_timezone),
        paused=False,
        description="Ingest whatever is new or changed in the inbox, then record the "
        "publication days it built.",
        tags=TAGS, version=__version__, entrypoint_type=EntrypointType.MODULE_PATH,
    )
    on_demand = backfill.to_deployment(
        name="backfill",
        paused=False,
        description="Rebuild the star rows of a range of publication days from the raw "
        "layer: missing, failed, stale or all days; dry run lists them.",
        tags=TAGS, version=__version__, entrypoint_type=EntrypointType.MODULE_PATH,
    )
    # Their runs load the flow from `newsetl.flows.deployed`, which gives it the task runner
    # the run's settings ask for (Dask or not) when the run starts.
    for deployment in (scheduled, on_demand):
        deployment.entrypoint = entrypoint(deployment.flow_name)
    return [scheduled, on_demand]


def attach_writer_limit(deployment_ids: Iterable[UUID], limit_name: str) -> UUID:
    """Create the one-slot writer limit if needed and make it the concurrency limit of each
    deployment; returns its id.

    Registering a deployment again (a restart of `serve`, `prefect deploy`) detaches and
    deletes a limit attached this way, so call this after every registration.
    """
    with get_client(sync_client=True) as client:
        try:
            limit = client.read_global_concurrency_limit_by_name(limit_name)
            limit_id = limit.id
        except ObjectNotFound:
            limit_id = client.create_global_concurrency_limit(
                GlobalConcurrencyLimitCreate(name=limit_name, limit=1))
        for deployment_id in deployment_ids:
            response = client.request(
                "PATCH", "/deployments/{id}", path_params={"id": deployment_id},
                json={"global_concurrency_limit_id": str(limit_id)})
            response.raise_for_status()
    return limit_id


def link_writer_limit(settings: Settings) -> UUID:
    """Attach the writer limit to the deployments `prefect deploy` registered."""
    with get_client(sync_client=True) as client:
        ids = [client.read_deployment_by_name(name).id for name in DEPLOYMENT_NAMES]
    return attach_writer_limit(ids, settings.writer_concurrency_limit)


def serve(settings: Settings) -> None:
    """Register both deployments with the Prefect API and run their flow runs until
    interrupted (what `prefect.serve` does, with the writer limit attached in between)."""
    # newsetl's own log lines (a writer waiting for the lock, days marked failed) also go to
    # the flow runs' logs in the UI; flow runs inherit this process's environment.
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "newsetl")
    runner = Runner(name="newsetl", pause_on_shutdown=True,
                    heartbeat_seconds=settings.heartbeat_seconds)
    ids = [runner.add_deployment(deployment) for deployment in deployments(settings)]
    attach_writer_limit(ids, settings.writer_concurrency_limit)
    zombie = zombie_automation(settings.heartbeat_seconds)
    apply_automation(zombie)
    log.info("automation %r applied: a served run without a heartbeat for %d s is marked "
             "Crashed", zombie.name, zombie.trigger.within.total_seconds())
    log.info("serving %s with the writer limit %r; Ctrl+C stops",
             ", ".join(DEPLOYMENT_NAMES), settings.writer_concurrency_limit)
    with contextlib.suppress(KeyboardInterrupt, TerminationSignal):
        asyncio.run(runner.start())
