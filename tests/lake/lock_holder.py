"""A process that holds a PostgreSQL catalog's writer lock: `python -m tests.lake.lock_holder
<catalog> <purpose> <hold seconds> <log>`; it logs `enter`/`exit` lines with the time."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from newsetl.warehouse.catalog_lock import catalog_writer_lock


def main(catalog: str, purpose: str, hold_seconds: float, log: Path) -> None:
    with catalog_writer_lock(catalog, purpose, timeout_seconds=60, poll_seconds=0.05):
        with log.open("a", encoding="utf-8") as out:
            out.write(f"enter {os.getpid()} {time.time_ns()}\n")
        time.sleep(hold_seconds)
        with log.open("a", encoding="utf-8") as out:
            out.write(f"exit {os.getpid()} {time.time_ns()}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), Path(sys.argv[4]))
