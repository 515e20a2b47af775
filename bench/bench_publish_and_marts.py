"""Publishing cost and mart latency on a synthetic warehouse of 50,000 articles.

    uv run --extra test python bench/bench_publish_and_marts.py [--articles 50000] [--reuse]

Builds a writer file of realistic shape (bench/synthetic_warehouse.py) in a temp folder,
publishes it (copy, BM25 index, co-occurrence aggregate, fsync, rename) and prints the
seconds per step and the file sizes; then runs each mart's typical question through an
analyst session (read-only, locked) and prints the median of 5 timed runs after a warm-up.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic_warehouse

from newsetl.search import search
from newsetl.warehouse.connection import connect_writer
from newsetl.warehouse.migrate import migrate
from newsetl.warehouse.publish import publish
from newsetl.warehouse.readonly import AnalystSession, connect_analyst

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
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "nbench")
    parser.add_argument("--reuse", action="store_true", help="keep an existing writer file")
    args = parser.parse_args()
    writer_path = args.folder / f"writer{args.articles}.duckdb"
    if not (args.reuse and writer_path.exists()):
        began = time.perf_counter()
        synthetic_warehouse.build(writer_path, articles=args.articles)
        print(f"built synthetic writer in {time.perf_counter() - began:.1f} s")
    writer = connect_writer(writer_path)
    migrate(writer)
    print(synthetic_warehouse.counts(writer))
    result = publish(writer, args.folder / "published" / "newsetl.duckdb")
    writer.close()
    steps = ", ".join(f"{name} {seconds:.2f}" for name, seconds in result.step_seconds.items())
    print(f"publish {result.articles} articles: {result.seconds:.2f} s ({steps}); writer "
          f"{writer_path.stat().st_size / 1e6:.0f} MB, published {result.size_bytes / 1e6:.0f} MB")
    slow = 0
    with connect_analyst(result.path, timeout_seconds=60) as session:
        entity = session.query("select entity_key from fct_article_entity group by 1 "
                               "order by count(*) desc limit 1").rows[0][0]
        for mart, sql in QUESTIONS.items():
            params = {"entity": entity} if "$entity" in sql else {}
            ms = timed_ms(session, sql, params)
            slow += ms > BUDGET_MS
            print(f"{mart:40s} {ms:7.1f} ms {'OVER BUDGET' if ms > BUDGET_MS else ''}")
    began = time.perf_counter()
    hits = search(result.path, "cfc ckca", limit=10)
    print(f"{'search (10 hits)':40s} {(time.perf_counter() - began) * 1000:7.1f} ms "
          f"({len(hits)} hits)")
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
