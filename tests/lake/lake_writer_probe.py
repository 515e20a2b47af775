"""A real writer of a PostgreSQL-catalog lake for the policy tests: `python -m
tests.lake.lake_writer_probe <catalog> <data path> <log> <hold seconds>` takes the writer
guard, reads how many writes came before it, waits, and writes one more (what two
unguarded writers would get wrong); it logs when it entered and left."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from newsetl.settings import WarehouseTarget
from newsetl.warehouse.backend import connect_warehouse, writer_guard
from newsetl.warehouse.connection import transaction


def lake_target(catalog: str, data_path: Path) -> WarehouseTarget:
    """A DuckLake warehouse with its catalog in PostgreSQL and its files under `data_path`."""
    return WarehouseTarget(path=data_path.parent / "newsetl.duckdb", backend="ducklake",
                           catalog=catalog, data_path=str(data_path))


def main(catalog: str, data_path: Path, log: Path, hold_seconds: float) -> None:
    target = lake_target(catalog, data_path)
    with writer_guard(target, f"probe {os.getpid()}", timeout_seconds=120):
        with log.open("a", encoding="utf-8") as out:
            out.write(f"enter {os.getpid()} {time.time_ns()}\n")
        connection = connect_warehouse(target)
        try:
            connection.execute("create table if not exists probe_write "
                               "(write_number integer not null, pid integer not null)")
            (writes,) = connection.execute("select count(*) from probe_write").fetchone()
            time.sleep(hold_seconds)  # a second writer now would read the same count
            with transaction(connection):
                connection.execute("insert into probe_write values (?, ?)",
                                   [writes + 1, os.getpid()])
        finally:
            connection.close()
        with log.open("a", encoding="utf-8") as out:
            out.write(f"exit {os.getpid()} {time.time_ns()}\n")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), float(sys.argv[4]))
