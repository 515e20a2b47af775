"""A minimal real writer for the lock tests: `python -m tests.integration.writer_probe
<warehouse> <log> <hold seconds>` opens a writer session (lock, connection, migrations, run
record), does a read-modify-write that two concurrent writers would get wrong, and logs when
it entered and left."""

from __future__ import annotations

import os
import sys
import time
import uuid
from dataclasses import astuple
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl

from newsetl.transforms.ledger.partition_rows import PartitionBuild, partition_rows
from newsetl.warehouse.connection import transaction
from newsetl.warehouse.partitions import record_partitions
from newsetl.warehouse.runs import RunRecord, RunVersions
from newsetl.warehouse.session import writer_session

PROBE_DAY = date(2000, 1, 1)
VERSIONS = RunVersions("probe", "probe", "probe", "probe")


def main(warehouse: Path, log: Path, hold_seconds: float) -> None:
    run = RunRecord(run_id=str(uuid.uuid4()), run_kind="probe", versions=VERSIONS)
    with writer_session(warehouse, run, lock_timeout_seconds=60) as session, \
            log.open("a", encoding="utf-8") as out:
        out.write(f"enter {os.getpid()} {time.time_ns()}\n")
        out.flush()
        connection = session.connection
        (writes,) = connection.execute(
            "select count(*) from etl_partition_history where run_kind = 'probe'").fetchone()
        time.sleep(hold_seconds)  # a second writer now would read the same count
        totals = pl.DataFrame({"published_date": [PROBE_DAY], "articles": [writes + 1],
                               "entity_mentions": [0], "date_mentions": [0]})
        build = PartitionBuild("succeeded", "probe", *astuple(VERSIONS), run.run_id,
                               "probe", datetime.now(UTC), datetime.now(UTC))
        with transaction(connection):
            record_partitions(connection, partition_rows(totals, build))
        out.write(f"exit {os.getpid()} {time.time_ns()}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3]))
