"""The one-writer rule: an OS lock on the warehouse, released the instant its holder dies."""

from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)


class WriterBusyError(RuntimeError):
    """Another process held the warehouse's writer lock for longer than we would wait."""


def lock_path(warehouse: Path) -> Path:
    """The lock file beside the warehouse file."""
    return warehouse.with_name(warehouse.name + ".lock")


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return "unknown holder"
    return (f"pid {info.get('pid')} on {info.get('host')} ({info.get('purpose')}, "
            f"since {info.get('since')})")


@contextmanager
def writer_lock(warehouse: Path, purpose: str, timeout_seconds: float,
                poll_seconds: float = 0.2) -> Iterator[None]:
    """Hold the exclusive writer lock of `warehouse`, waiting up to `timeout_seconds`.

    The lock is an OS `flock` on a file beside the warehouse: the kernel releases it the
    instant its holder's process ends, however it ends, so a killed run never blocks the
    next one. The file names the current holder for the message a waiting writer gives.
    """
    path = lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    started = time.monotonic()
    waited = False
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not waited:
                    log.info("waiting up to %.0f s for the warehouse %s, being written by %s",
                             timeout_seconds, warehouse, _holder(path))
                    waited = True
                if time.monotonic() - started >= timeout_seconds:
                    raise WriterBusyError(
                        f"the warehouse {warehouse} is being written by {_holder(path)}; "
                        f"waited {timeout_seconds:.0f} s"
                    ) from None
                time.sleep(poll_seconds)
        if waited:
            log.info("got the writer lock of %s after %.1f s", warehouse,
                     time.monotonic() - started)
        record = {"pid": os.getpid(), "host": socket.gethostname(), "purpose": purpose,
                  "since": datetime.now(UTC).isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(record).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
