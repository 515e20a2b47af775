"""DuckLake vs the DuckDB file: load time and mart query time; two concurrent writers on a
PostgreSQL catalog vs one.

    uv run --extra test python bench/bench_ducklake.py [--articles 5000] [--batch 500]

1. Builds a synthetic warehouse file (bench/synthetic_warehouse.py, no NLP) and cuts it into
   load batches of `--batch` articles in publication order (raw article, dim_article, the
   three fact frames, the entities and sources they use), as a nightly stages them.
2. Per backend (the DuckDB file; DuckLake with a local SQLite catalog; DuckLake with a
   PostgreSQL catalog; with `--by-day` also one whose day-keyed tables are partitioned by
   publication day): a fresh
   warehouse, migrated, every batch loaded by `load_batch` (each its own transaction, the
   readers' tables kept up to date as in a run): seconds in all. Then each mart's typical
   question (bench/bench_publish_and_marts.py) on a read-only connection: median of 3
   after a warm-up.
3. PostgreSQL catalog, writers as in production (each batch one writer session under the
   catalog's writer lock): one process loading every batch vs two processes started
   together, one on the older half of the days and one on the newer. And the same two
   without the lock: commits that failed on a DuckLake conflict (retried up to 30 times)
   and the dimension rows that came out twice.

A throwaway PostgreSQL cluster is started on loopback (tests/lake/postgres_server.py).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.lake.postgres_server

import duckdb
import polars as pl
import synthetic_warehouse
from bench_publish_and_marts import QUESTIONS

from newsetl.flows.loading import load_batch
from newsetl.settings import WarehouseTarget
from newsetl.warehouse.backend import connect_reader, connect_warehouse, writer_guard
from newsetl.warehouse.load import LoadBatch
from newsetl.warehouse.migrate import migrate
from tests.lake.postgres_server import PostgresServer, postgres_server

FACTS = ("fct_entity_mention", "fct_article_entity", "fct_date_mention")
DAY_PARTITIONED = ("dim_article", *FACTS)
CONFLICT_RETRIES = 30


def batches(source: Path, size: int) -> list[LoadBatch]:
    """The synthetic warehouse as load batches of `size` articles, oldest first."""
    connection = duckdb.connect(str(source), read_only=True)
    try:
        keys = [key for (key,) in connection.execute(
            "select article_key from dim_article order by published_at, article_key").fetchall()]
        out = []
        for first in range(0, len(keys), size):
            chosen = pl.DataFrame({"article_key": keys[first:first + size]})
            connection.register("chosen", chosen)
            frame = {table: connection.sql(
                f"select t.* from {table} t semi join chosen using (article_key)").pl()
                for table in ("dim_article", *FACTS)}
            frame["raw_article"] = connection.sql(
                "select r.* from raw_article r semi join (select article_id from dim_article "
                "semi join chosen using (article_key)) using (article_id)").pl()
            frame["dim_entity"] = connection.sql(
                "select * from dim_entity where entity_key in (select entity_key from "
                "fct_entity_mention semi join chosen using (article_key))").pl()
            frame["dim_source"] = connection.sql(
                "select * from dim_source where source_key in (select source_key from "
                "dim_article semi join chosen using (article_key))").pl()
            connection.unregister("chosen")
            out.append(LoadBatch(**frame))
        return out
    finally:
        connection.close()


def partition_by_day(connection: duckdb.DuckDBPyConnection) -> None:
    """DuckLake: one data file per publication day and insert for the day-keyed tables."""
    for table in DAY_PARTITIONED:
        connection.execute(f"alter table {table} set partitioned by (published_date_key)")


def create(target: WarehouseTarget, partitioned: bool = False) -> None:
    """A new, migrated warehouse (partitioned by day if asked)."""
    connection = connect_warehouse(target)
    try:
        migrate(connection)
        if partitioned:
            partition_by_day(connection)
    finally:
        connection.close()


def load_all(target: WarehouseTarget, loads: list[LoadBatch]) -> float:
    """Seconds to load every batch through one writer connection."""
    connection = connect_warehouse(target)
    try:
        started = time.perf_counter()
        for batch in loads:
            load_batch(connection, batch)
        return time.perf_counter() - started
    finally:
        connection.close()


def mart_seconds(target: WarehouseTarget) -> dict[str, float]:
    """Median seconds of each mart's typical question (after a warm-up)."""
    connection = connect_reader(target)
    try:
        (entity,) = connection.execute(
            "select entity_key from fct_article_entity group by all "
            "order by count(*) desc limit 1").fetchone()
        out = {}
        questions = {"baseline: count(*) of dim_source": "select count(*) from dim_source",
                     **QUESTIONS}
        for name, sql in questions.items():
            params = {"entity": entity} if "$entity" in sql else {}
            connection.execute(sql, params).fetchall()
            runs = []
            for _ in range(3):
                started = time.perf_counter()
                connection.execute(sql, params).fetchall()
                runs.append(time.perf_counter() - started)
            out[name] = statistics.median(runs)
        return out
    finally:
        connection.close()


def writer(target: WarehouseTarget, source: Path, size: int, part: int, parts: int,
           guarded: bool, result: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """One writer process: its share of the batches (`part` of `parts`, by day), each in a
    writer session of its own; puts (seconds, conflicts) on `result`."""
    loads = batches(source, size)
    share = len(loads) // parts
    mine = loads[part * share: len(loads) if part == parts - 1 else (part + 1) * share]
    conflicts = 0
    started = time.perf_counter()
    for batch in mine:
        for attempt in range(CONFLICT_RETRIES + 1):
            try:
                if guarded:
                    with writer_guard(target, f"bench writer {part}", timeout_seconds=600):
                        load_all(target, [batch])
                else:
                    load_all(target, [batch])
                break
            except duckdb.TransactionException:
                conflicts += 1
                if attempt == CONFLICT_RETRIES:
                    raise
    result.put((time.perf_counter() - started, conflicts))


def writers(target: WarehouseTarget, source: Path, size: int, count: int,
            guarded: bool) -> tuple[float, list[float], int]:
    """Wall seconds of `count` writer processes started together, each one's seconds, and
    the conflicts they met."""
    context = multiprocessing.get_context("spawn")
    result = context.Queue()
    processes = [context.Process(target=writer, args=(target, source, size, part, count,
                                                       guarded, result))
                 for part in range(count)]
    started = time.perf_counter()
    for process in processes:
        process.start()
    outcomes = [result.get(timeout=1800) for _ in processes]
    for process in processes:
        process.join(60)
    return (time.perf_counter() - started, [seconds for seconds, _ in outcomes],
            sum(conflicts for _, conflicts in outcomes))


def doubled_rows(target: WarehouseTarget) -> dict[str, int]:
    """Rows beyond the first of each key in the tables whose keys DuckLake does not enforce."""
    keys = {"dim_article": "article_key", "dim_entity": "entity_key",
            "dim_source": "source_key", "raw_article": "article_id, content_hash"}
    connection = connect_reader(target)
    try:
        return {table: connection.execute(
            f"select count(*) - count(distinct ({key})) from {table}").fetchone()[0]
            for table, key in keys.items()}
    finally:
        connection.close()


def lake(folder: Path, catalog: str) -> WarehouseTarget:
    """A DuckLake target with its data files under `folder`."""
    return WarehouseTarget(path=folder / "newsetl.duckdb", backend="ducklake", catalog=catalog,
                           data_path=str(folder / "lake"))


def data_files(folder: Path) -> int:
    """Parquet files under a lake's data folder."""
    return sum(1 for _ in (folder / "lake").rglob("*.parquet"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--by-day", action="store_true",
                        help="also a PostgreSQL-catalog lake with the day-keyed tables "
                        "partitioned by publication day (a file per day and insert: slow)")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}")
    with tempfile.TemporaryDirectory(prefix="bench-ducklake-") as scratch, \
            postgres_server() as server:
        work = Path(scratch)
        source = work / "source.duckdb"
        started = time.perf_counter()
        synthetic_warehouse.build(source, articles=args.articles, derived=False)
        loads = batches(source, args.batch)
        print(f"synthetic {args.articles} articles in {len(loads)} batches of {args.batch}: "
              f"{time.perf_counter() - started:.1f} s")
        backends: dict[str, Callable[[Path], WarehouseTarget]] = {
            "duckdb file": lambda folder: WarehouseTarget(path=folder / "newsetl.duckdb"),
            "ducklake, sqlite catalog": lambda folder: lake(
                folder, str(folder / "catalog.sqlite")),
            "ducklake, postgres catalog": lambda folder: lake(
                folder, server.ducklake_catalog(_database(server, folder.name))),
        }
        if args.by_day:
            backends["ducklake, postgres, by day"] = lambda folder: lake(
                folder, server.ducklake_catalog(_database(server, folder.name)))
        print(f"\n{'backend':30} {'load s':>8} {'files':>6}  mart query ms (median of 3)")
        for number, (name, make) in enumerate(backends.items()):
            folder = work / f"backend{number}"
            folder.mkdir()
            target = make(folder)
            create(target, partitioned=name.endswith("by day"))
            seconds = load_all(target, loads)
            marts = mart_seconds(target)
            files = data_files(folder) if target.is_lake else 0
            print(f"{name:30} {seconds:8.2f} {files:6d}  " + ", ".join(
                f"{mart.split()[0].removeprefix('mart_')} {ms * 1000:.0f}"
                for mart, ms in marts.items()))
        print("\nPostgreSQL catalog, one writer session per batch:")
        for label, count, guarded in (("1 writer, locked", 1, True),
                                      ("2 writers, locked", 2, True),
                                      ("2 writers, no lock", 2, False)):
            folder = work / f"writers-{count}-{guarded}"
            folder.mkdir()
            target = lake(folder, server.ducklake_catalog(_database(server, folder.name)))
            create(target)
            wall, each, conflicts = writers(target, source, args.batch, count, guarded)
            print(f"  {label:20} wall {wall:6.2f} s (each: "
                  f"{', '.join(f'{s:.2f}' for s in each)}), conflicts retried {conflicts}, "
                  f"doubled rows {doubled_rows(target)}")
    print(f"load average after: {os.getloadavg()}")
    return 0


def _database(server: PostgresServer, name: str) -> str:
    dbname = name.replace("-", "_").lower()
    server.create_database(dbname)
    return dbname


if __name__ == "__main__":
    sys.exit(main())
