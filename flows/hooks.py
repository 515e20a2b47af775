"""`on_failure` / `on_crashed` hooks of the nightly and backfill flows: record the failure in
`etl_run` and send a notification through the Prefect block `NEWSETL_NOTIFICATION_BLOCK`.

A run that fails in its own process records itself (the writer session closes it
`failed`); the hook matters when the process died (crashed: a kill, out of memory), when
Prefect runs the hook for it. It takes the writer lock for a few seconds only: if another
writer holds it, that writer marks the dead run as interrupted anyway.
"""

from __future__ import annotations

import logging
from typing import Any

from prefect.blocks.abstract import NotificationBlock
from prefect.blocks.core import Block

from newsetl.settings import Settings
from newsetl.warehouse.backend import connect_warehouse, warehouse_exists, writer_guard
from newsetl.warehouse.lock import WriterBusyError
from newsetl.warehouse.runs import record_flow_run_failure

log = logging.getLogger(__name__)
LOCK_WAIT_SECONDS = 10.0


def failure_message(flow_name: str, flow_run: Any, state: Any) -> tuple[str, str]:
    """(subject, body) of the notification."""
    subject = f"newsetl: {flow_name} flow run {flow_run.name} {state.name}"
    body = (f"{subject}: {state.message or 'no message'}\n"
            f"flow run id: {flow_run.id}")
    return subject, body


def record_failure(settings: Settings, flow_run_id: str, error: str) -> int:
    """Close the flow run's still-open etl_run rows as failed; 0 if there is no warehouse
    yet, or another writer holds it (it will mark them interrupted itself)."""
    target = settings.warehouse_target
    if not warehouse_exists(target):
        return 0
    try:
        with writer_guard(target, f"failure hook of flow run {flow_run_id}",
                          LOCK_WAIT_SECONDS):
            connection = connect_warehouse(target, settings.writer_memory_limit)
            try:
                return record_flow_run_failure(connection, flow_run_id, error)
            finally:
                connection.close()
    except WriterBusyError:
        return 0


def notify(block_name: str, subject: str, body: str) -> None:
    """Send through the named Prefect notification block."""
    block = Block.load(block_name)
    if not isinstance(block, NotificationBlock):
        raise TypeError(f"the block {block_name} is not a notification block")
    block.notify(body, subject=subject)


def on_failure_or_crash(flow: Any, flow_run: Any, state: Any) -> None:
    """The hook: record, then notify; a hook never raises (it would hide the failure)."""
    settings = Settings()
    subject, body = failure_message(flow.name, flow_run, state)
    try:
        closed = record_failure(settings, str(flow_run.id),
                                f"flow run {state.name}: {state.message or ''}".strip())
        if closed:
            log.warning("recorded %d run(s) of flow run %s as failed", closed, flow_run.id)
    except Exception:
        log.exception("could not record the failed flow run %s in etl_run", flow_run.id)
    if settings.notification_block:
        try:
            notify(settings.notification_block, subject, body)
        except Exception:
            log.exception("could not notify through %s", settings.notification_block)
