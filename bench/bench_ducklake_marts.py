"""The marts' typical questions on the DuckDB file against the same rows on DuckLake.

    uv run --extra test python bench/bench_ducklake_marts.py [--articles 50000] [--reuse]

1. Builds a synthetic writer file (bench/synthetic_warehouse.py) of `--articles` articles.
2. Copies every table into a new DuckLake warehouse (SQLite catalog, Parquet data folder),
   in one transaction: the time is a bulk copy's, not a nightly load's.
3. Runs each mart's typical question (bench_publish_and_marts.QUESTIONS) through an analyst
   session (read-only, locked down) on the file and on the lake: median of 5 timed runs
   after a warm-up, and the data's size on disk.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic_warehouse
from bench_publish_and_marts import QUESTIONS, timed_ms

from newsetl.settings import WarehouseTarget
from newsetl.warehouse.backend import connect_warehouse
from newsetl.warehouse.migrate import migrate
from newsetl.warehouse.readonly import connect_analyst

# Created by migrate in the lake already (the calendar and the version stamps).
_CREATED = {"dim_date", "schema_migration"}


def copy_to_lake(source: Path, folder: Path) -> tuple[WarehouseTarget, float]:
    """A new lake in `folder` holding `source`'s rows; the seconds the copy took."""
    shutil.rmtree(folder, ignore_errors=True)
    target = WarehouseTarget(path=folder / "newsetl.duckdb", backend="ducklake",
                             catalog=str(folder / "newsetl.ducklake.sqlite"),
                             data_path=f"{folder / 'lake'}/")
    connection = connect_warehouse(target)
    try:
        migrate(connection)
        escaped = str(source).replace("'", "''")
        connection.execute(f"attach '{escaped}' as source (read_only)")
        tables = [name for (name,) in connection.sql(
            "select table_name from duckdb_tables() where database_name = 'source' "
            "and schema_name = 'main' order by 1").fetchall() if name not in _CREATED]
        began = time.perf_counter()
        connection.execute("begin transaction")
        for table in tables:  # names from the source's catalog, not from input
            connection.execute(f"insert into lake.main.{table} by name "
                               f"select * from source.main.{table}")
        connection.execute("commit")
        seconds = time.perf_counter() - began
    finally:
        connection.close()
    return target, seconds


def size_mb(*paths: Path) -> float:
    files = [path for root in paths for path in ([root] if root.is_file() else root.rglob("*"))
             if path.is_file()]
    return sum(path.stat().st_size for path in files) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--folder", type=Path,
                        default=Path(tempfile.gettempdir()) / "nbench-ducklake")
    parser.add_argument("--reuse", action="store_true", help="keep an existing synthetic file")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    file_path = args.folder / f"writer{args.articles}.duckdb"
    if not (args.reuse and file_path.exists()):
        began = time.perf_counter()
        synthetic_warehouse.build(file_path, articles=args.articles)
        print(f"built the synthetic file in {time.perf_counter() - began:.1f} s")
    lake, seconds = copy_to_lake(file_path, args.folder / "lake")
    lake_mb = size_mb(Path(lake.catalog), Path(lake.data_path))
    print(f"copied {args.articles} articles into DuckLake in {seconds:.1f} s; on disk: file "
          f"{size_mb(file_path):.0f} MB, lake {lake_mb:.0f} MB")
    with connect_analyst(file_path, timeout_seconds=120) as on_file, \
            connect_analyst(lake, timeout_seconds=120) as on_lake:
        entity = on_file.query("select entity_key from fct_article_entity group by 1 "
                               "order by count(*) desc limit 1").rows[0][0]
        print(f"{'question':40s} {'file ms':>8s} {'lake ms':>8s}")
        for mart, sql in QUESTIONS.items():
            params = {"entity": entity} if "$entity" in sql else {}
            print(f"{mart:40s} {timed_ms(on_file, sql, params):8.1f} "
                  f"{timed_ms(on_lake, sql, params):8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
