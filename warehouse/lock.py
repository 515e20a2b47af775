"""The one-writer rule: an OS lock on the warehouse, released the instant its holder dies."""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path


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
    """Hold the exclusive writer lock of `warehouse`, waiting up to `timeout_seconds`."""
    path = lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + timeout_seconds
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WriterBusyError(
                        f"the warehouse {warehouse} is being written by {_holder(path)}; "
                        f"waited {timeout_seconds:.0f} s"
                    ) from None
                time.sleep(poll_seconds)
        record = {"pid": os.getpid(), "host": socket.gethostname(), "purpose": purpose,
                  "since": datetime.now(UTC).isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(record).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
