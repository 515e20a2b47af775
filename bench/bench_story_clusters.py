"""What the story clusters cost: MinHash signatures and LSH bands, clustering everything at
once, and one incremental batch against a warehouse that already holds the rest.

    uv run --locked python bench/bench_story_clusters.py [--articles 50000] [--batch 500]

Articles come from bench/corpus.py (real Wikinews text; past its 3,864 articles, copies with
one closing sentence added, so each story has about articles/3,864 copies: a heavily
syndicated archive). Steps, each timed (wall and CPU of this process):
1. `band_rows`: shingles, 128-value MinHash signatures (datasketch) and 32 band hashes of
   every article;
2. `story_keys` over all of them: candidate pairs from shared bands, estimated Jaccard,
   connected groups, the first of each (what a one-batch rebuild does);
3. the stored state: a migrated in-memory warehouse with the first N - batch articles in
   `dim_article` and their bands in `story_lsh_band`;
4. one nightly batch of the last `--batch` articles: its bands, the stored neighbours by the
   (band, band_hash) join (`story_neighbours`) and `assign_stories`.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import articles as corpus_articles

from newsetl.transforms.articles.stories import assign_stories, band_rows, story_keys
from newsetl.warehouse.connection import connect_memory
from newsetl.warehouse.migrate import migrate
from newsetl.warehouse.staging import staged
from newsetl.warehouse.stories import story_neighbours


def timed(label: str, step: Callable[[], Any]) -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    print(f"{label:<58} {time.perf_counter() - wall:7.2f} s wall "
          f"{time.process_time() - cpu:7.2f} s CPU", flush=True)
    return result


def article_frame(count: int) -> pl.DataFrame:
    start = datetime(2004, 11, 1, tzinfo=UTC)
    texts = [record["text"] for record in corpus_articles(0, count)]
    return pl.DataFrame({
        "article_key": list(range(1, count + 1)),
        "published_at": [start + timedelta(minutes=index) for index in range(count)],
        "text": texts,
    })


def stored_warehouse(stored: pl.DataFrame, bands: pl.DataFrame, stories: pl.DataFrame):
    connection = connect_memory()
    migrate(connection)
    rows = stored.join(stories, on="article_key").select(
        "article_key", pl.col("article_key").cast(pl.String).alias("article_id"),
        pl.col("article_key").cast(pl.String).alias("natural_key"), "published_at",
        pl.col("published_at").dt.date().alias("published_date"),
        pl.col("published_at").dt.strftime("%Y%m%d").cast(pl.Int32).alias("published_date_key"),
        pl.lit(1, pl.Int64).alias("source_key"), pl.lit(1, pl.Int32).alias("word_count"),
        pl.lit(1, pl.Int32).alias("char_count"), "text", pl.lit("h").alias("content_hash"),
        pl.lit("f").alias("file_path"), pl.lit(1, pl.Int32).alias("record_number"),
        pl.lit("bench").alias("run_id"), "story_key")
    with staged(connection, {"article": rows, "band": bands.with_columns(
            pl.lit("bench").alias("run_id"))}):
        connection.execute("insert into dim_article by name select * from staged_article")
        connection.execute("insert into story_lsh_band by name select * from staged_band")
    return connection


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    articles = timed(f"read {args.articles:,} corpus articles", lambda: article_frame(
        args.articles))
    bands = timed("1. signatures and bands (band_rows)", lambda: band_rows(articles))
    stories = timed("2. stories of all at once (story_keys)", lambda: story_keys(
        articles, bands))
    sizes = stories.group_by("story_key").len()
    print(f"   {sizes.height:,} stories; largest {sizes['len'].max()} articles; "
          f"{bands.height:,} band rows", flush=True)

    cut = args.articles - args.batch
    stored_keys = articles["article_key"].head(cut)
    connection = timed(f"3. warehouse holding {cut:,} articles and their bands",
                       lambda: stored_warehouse(
                           articles.head(cut), bands.filter(
                               pl.col("article_key").is_in(stored_keys.implode())),
                           story_keys(articles.head(cut), bands.filter(
                               pl.col("article_key").is_in(stored_keys.implode())))))
    batch = articles.tail(args.batch)
    batch_bands = timed(f"4a. a batch of {args.batch}: its bands",
                        lambda: band_rows(batch.select("article_key", "text")))
    none = pl.DataFrame(schema={"article_key": pl.Int64()})
    stored = timed("4b. stored neighbours (band join in DuckDB)",
                   lambda: story_neighbours(connection, batch_bands, none))
    assigned = timed("4c. assign_stories", lambda: assign_stories(
        batch.select("article_key", "published_at"), batch_bands, stored))
    joined = assigned.loaded.filter(pl.col("story_key") != pl.col("article_key")).height
    print(f"   {stored['article_key'].n_unique():,} stored neighbours; {joined} of "
          f"{args.batch} batch articles joined a stored story; "
          f"{assigned.moved.height} stored articles moved")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
