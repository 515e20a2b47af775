"""Publishing cost, per-batch upkeep of the readers' tables, search and mart latency at 50,000
synthetic articles.

    uv run --extra test python bench/bench_publish_and_marts.py [--articles 50000] [--reuse]

1. Builds a writer file of realistic shape (bench/synthetic_warehouse.py; search terms and
   co-occurrence aggregate computed from scratch) and a separate batch of `--batch` new
   articles (other keys, other seed).
2. Loads that batch with `load_batch` (raw article, dim_article and the three fact frames)
   into a copy of the big writer and into an empty warehouse, timing every statement; the
   upkeep is the statements that keep the search terms and the aggregate. Then batches that
   replace `--batch` stored articles with their own rows (a rebuild changing nothing) and
   with the rows moved one day later (every first/last day they held is re-read). Median
   of `--repeat` runs, each on a fresh copy.
3. Publishes the closed writer file (copy, fsync, rename): median of `--repeat`.
4. Runs BM25 queries and each mart's typical question through an analyst session
   (read-only, locked): median of 5 timed runs after a warm-up.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import duckdb
import polars as pl
import synthetic_warehouse

from newsetl.analyst.search import search
from newsetl.flows.loading import load_batch
from newsetl.warehouse.connection import connect_writer
from newsetl.warehouse.load import LoadBatch
from newsetl.warehouse.migrate import migrate
from newsetl.warehouse.publish import publish
from newsetl.warehouse.readonly import AnalystSession, connect_analyst
from newsetl.warehouse.sql_files import list_sql, read_sql

BUDGET_MS = 100.0
# mart: a typical question; $entity is the entity in most articles (the worst case)
QUESTIONS = {
    "mart_entity_mentions_daily": "select published_date, article_count, mention_count "
    "from mart_entity_mentions_daily where entity_key = $entity order by published_date",
    "mart_entity_mentions_weekly": "select week_start_date, article_count "
    "from mart_entity_mentions_weekly where entity_key = $entity order by week_start_date",
    "mart_top_entities": "select * from mart_top_entities('2006-01-01', '2006-12-31') "
    "where type_rank <= 10 order by entity_type, type_rank",
    "mart_entity_cooccurrence (top pairs)": "select entity_a_name, entity_b_name, "
    "article_count from mart_entity_cooccurrence order by article_count desc limit 20",
    "mart_entity_cooccurrence (partners)": "select entity_a_name, entity_b_name, "
    "article_count from mart_entity_cooccurrence where $entity in (entity_a_key, entity_b_key) "
    "order by article_count desc limit 20",
    "mart_entity_timeline": "select published_at, title, source_name from "
    "mart_entity_timeline where entity_key = $entity order by published_at",
    "mart_source_volume": "select source_name, sum(article_count) as articles from "
    "mart_source_volume where published_date between date '2006-01-01' and date '2006-12-31' "
    "group by source_name order by articles desc",
    "mart_date_mentions_vs_publication": "select relation, count(*), "
    "median(days_from_publication) from mart_date_mentions_vs_publication group by relation",
}
# words of the synthetic vocabulary: in ~all articles, in some, rare, and absent
SEARCHES = ("cfc ckca", "cfc", "hmo ejb", "zeppelin")
# the load's statements that keep the readers' tables; everything else is the star and ledger
UPKEEP = {"load fts"} | {path for path in list_sql("load")
                         if "search" in path or "cooccurrence" in path}
BATCH_TABLES = ("raw_article", "dim_article", "fct_entity_mention", "fct_article_entity",
                "fct_date_mention")


class TimedConnection:
    """A connection whose `execute` calls are timed by the `.sql` file they run."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self._connection = connection
        self._names = {read_sql(path): path for path in list_sql("load")}
        self.seconds: dict[str, float] = defaultdict(float)

    def execute(self, sql: str, *args: object) -> duckdb.DuckDBPyConnection:
        name = self._names.get(sql) or ("load fts" if sql.startswith("load ") else
                                        " ".join(sql.split()[:3]))
        began = time.perf_counter()
        result = self._connection.execute(sql, *args)
        self.seconds[name] += time.perf_counter() - began
        return result

    def __getattr__(self, name: str) -> object:
        return getattr(self._connection, name)


def batch_frames(path: Path) -> dict[str, pl.DataFrame]:
    """The star and raw rows of a (small) warehouse file, as a batch would stage them."""
    connection = duckdb.connect(str(path), read_only=True)
    try:
        return {table: connection.sql(f"select * from {table}").pl() for table in BATCH_TABLES}
    finally:
        connection.close()


def timed_load(path: Path, batch: LoadBatch) -> dict[str, float]:
    """Seconds of the whole `load_batch` ("total") and of each statement it ran."""
    connection = connect_writer(path)
    try:
        migrate(connection)
        timed = TimedConnection(connection)
        began = time.perf_counter()
        load_batch(timed, batch)  # type: ignore[arg-type]
        timed.seconds["total"] = time.perf_counter() - began
    finally:
        connection.close()
    timed.seconds["upkeep"] = sum(seconds for name, seconds in timed.seconds.items()
                                  if name in UPKEEP)
    return timed.seconds


def median_load(source: Path | None, scratch: Path, batch: LoadBatch,
                repeat: int) -> dict[str, float]:
    """Median seconds per statement (and "total", "upkeep") of loading `batch` into fresh
    copies of `source` (or into an empty warehouse)."""
    runs = []
    for _ in range(repeat):
        for leftover in (scratch, scratch.with_name(scratch.name + ".wal")):
            leftover.unlink(missing_ok=True)
        if source is not None:
            shutil.copyfile(source, scratch)
        runs.append(timed_load(scratch, batch))
    return {name: statistics.median(run.get(name, 0.0) for run in runs) for name in runs[0]}


def slowest(seconds: dict[str, float], count: int = 6) -> str:
    """The `count` slowest statements, in ms."""
    named = sorted(((s, n) for n, s in seconds.items() if n not in ("total", "upkeep")),
                   reverse=True)[:count]
    return ", ".join(f"{Path(name).stem} {s * 1000:.0f}" for s, name in named)


def replacing_batch(path: Path, keys: int, days_later: int = 0) -> LoadBatch:
    """A batch rebuilding `keys` stored articles from their own rows (delete, re-add),
    published `days_later` days later than stored (0: a rebuild that changes nothing)."""
    chosen = ("article_key in (select article_key from dim_article "
              f"order by md5(article_key::varchar) limit {keys})")
    day = f"published_date_key // 10000, published_date_key // 100 % 100, " \
          f"published_date_key % 100) + {days_later}"
    moved = {
        "dim_article": f"* replace (published_at + to_days({days_later}) as published_at, "
                       f"published_date + {days_later} as published_date, "
                       "cast(strftime(published_date + "
                       f"{days_later}, '%Y%m%d') as integer) as published_date_key)",
        "fct_entity_mention": "* replace (cast(strftime(make_date("
                              f"{day}, '%Y%m%d') as integer) as published_date_key)",
    }
    moved["fct_article_entity"] = moved["fct_date_mention"] = moved["fct_entity_mention"]
    connection = duckdb.connect(str(path), read_only=True)
    try:
        frames = {table: connection.sql(f"select {columns} from {table} where {chosen}").pl()
                  for table, columns in moved.items()}
    finally:
        connection.close()
    frames["replaced_article"] = frames["dim_article"].select("article_id", "article_key")
    return LoadBatch(**frames)


def timed_ms(session: AnalystSession, sql: str, params: dict[str, object]) -> float:
    session.query(sql, params)  # warm-up
    runs = []
    for _ in range(5):
        began = time.perf_counter()
        session.query(sql, params)
        runs.append((time.perf_counter() - began) * 1000)
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "nbench")
    parser.add_argument("--reuse", action="store_true", help="keep existing synthetic files")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    writer_path = args.folder / f"writer{args.articles}.duckdb"
    batch_path = args.folder / f"batch{args.batch}.duckdb"
    if not (args.reuse and writer_path.exists() and batch_path.exists()):
        began = time.perf_counter()
        synthetic_warehouse.build(writer_path, articles=args.articles)
        synthetic_warehouse.build(batch_path, articles=args.batch, first_key=10_000_000,
                                  seed=0.17, derived=False)
        print(f"built synthetic files in {time.perf_counter() - began:.1f} s")
    with duckdb.connect(str(writer_path), read_only=True) as writer:
        print(synthetic_warehouse.counts(writer))

    new = LoadBatch(**batch_frames(batch_path))
    scratch = args.folder / "scratch.duckdb"
    empty = median_load(None, scratch, new, args.repeat)
    big = median_load(writer_path, scratch, new, args.repeat)
    ratio = big["total"] / empty["total"]
    print(f"load {args.batch} new articles (median of {args.repeat}, s): empty warehouse "
          f"{empty['total']:.3f} (upkeep {empty['upkeep']:.3f}); {args.articles} articles "
          f"{big['total']:.3f} (upkeep {big['upkeep']:.3f}); ratio {ratio:.2f}")
    print(f"  slowest statements into empty (ms): {slowest(empty)}")
    print(f"  slowest statements into {args.articles} (ms): {slowest(big)}")
    for days_later, what in ((0, "rebuilt unchanged"), (1, "moved one day later")):
        batch = replacing_batch(writer_path, args.batch, days_later)
        replaced = median_load(writer_path, scratch, batch, args.repeat)
        print(f"load {args.batch} replaced articles ({what}) into {args.articles}: "
              f"{replaced['total']:.3f} s (upkeep {replaced['upkeep']:.3f} s)")
        print(f"  slowest statements (ms): {slowest(replaced)}")
    scratch.unlink(missing_ok=True)

    published_path = args.folder / "published" / "newsetl.duckdb"
    results = [publish(writer_path, published_path) for _ in range(args.repeat)]
    seconds = statistics.median(result.seconds for result in results)
    steps = ", ".join(f"{name} {statistics.median(r.step_seconds[name] for r in results):.3f}"
                      for name in results[0].step_seconds)
    print(f"publish (median of {args.repeat}): {seconds:.3f} s ({steps}); "
          f"{results[0].size_bytes / 1e6:.0f} MB")

    slow = 0
    with connect_analyst(published_path, timeout_seconds=60) as session:
        entity = session.query("select entity_key from fct_article_entity group by 1 "
                               "order by count(*) desc limit 1").rows[0][0]
        for words in SEARCHES:
            ms = timed_ms(session, read_sql("search/match_articles.sql"),
                          {"words": words, "limit": 10})
            hits = len(session.query(read_sql("search/match_articles.sql"),
                                     {"words": words, "limit": 10}).rows)
            print(f"{'search ' + repr(words):40s} {ms:7.1f} ms ({hits} hits)")
        for mart, sql in QUESTIONS.items():
            params = {"entity": entity} if "$entity" in sql else {}
            ms = timed_ms(session, sql, params)
            slow += ms > BUDGET_MS
            print(f"{mart:40s} {ms:7.1f} ms {'OVER BUDGET' if ms > BUDGET_MS else ''}")
    began = time.perf_counter()
    hits = search(published_path, "cfc ckca", limit=10)
    print(f"{'newsetl search (open, query, snippets)':40s} "
          f"{(time.perf_counter() - began) * 1000:7.1f} ms ({len(hits)} hits)")
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
