"""What the article metadata (issue 18) adds to a batch: CPU seconds of its pure stages.

    uv run --extra test python bench/bench_article_metadata.py [--articles 5000] [--repeat 3]

The stages the metadata adds to every loaded article, timed alone on `--articles`
news-please records built from tests/data/metadata/newsplease.json (each with its own URL,
two bylines of five names plus one of 300 reporters "…, Reuters", a 2,300-character text and
its own modification time): reading the metadata from `raw_record`
(`with_article_metadata`), the author rows (`bridge_article_author_rows`, `author_rows`) and
the ignored-field count (`ignored_field_rows`). CPU seconds (`time.process_time`, this
process), best of `--repeat`: on a loaded 2-core machine wall time says more about the
neighbours than about the code. Compare with the CPU seconds of a whole `newsetl run` of as
many articles (`bench_end_to_end.py`).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import polars as pl

from newsetl.ingest.fields import ignored_field_rows
from newsetl.transforms.metadata.columns import with_article_metadata
from newsetl.transforms.metadata.rows import author_rows, bridge_article_author_rows

RECORD = Path(__file__).resolve().parents[1] / "tests" / "data" / "metadata" / "newsplease.json"
NAMES = ("Jane Doe", "John Roe", "Ann Lee", "Bo Chen", "José Álvarez")


def records(count: int) -> pl.DataFrame:
    """`count` raw records (`file_path`, `file_format`, `raw_record`) with article keys."""
    base = json.loads(RECORD.read_text(encoding="utf-8"))
    raw = []
    for i in range(count):
        record = {**base, "url": f"https://news.example.org/{i}",
                  "authors": [f"By {NAMES[i % 5]} and {NAMES[(i * 7) % 5]}",
                              f"Reporter {i % 300}, Reuters"],
                  "maintext": base["maintext"] * 8,
                  "date_modify": f"2024-03-{1 + i % 28:02d} 08:{i % 60:02d}:00"}
        raw.append(json.dumps(record, ensure_ascii=False))
    return pl.DataFrame({"file_path": ["bench.jsonl"] * count, "file_format": ["jsonl"] * count,
                         "raw_record": raw, "article_key": list(range(count))})


def main() -> None:
    """Time each stage, best of `--repeat`, and print one line per stage."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    frame = records(args.articles)
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        started = time.process_time()
        described = with_article_metadata(frame)
        read = time.process_time()
        bridge = bridge_article_author_rows(described, "bench")
        authors = author_rows(bridge)
        rows = time.process_time()
        ignored = ignored_field_rows(frame, "bench")
        counted = time.process_time()
        for stage, seconds in (("metadata read", read - started), ("author rows", rows - read),
                               ("ignored fields", counted - rows),
                               ("total", counted - started)):
            best[stage] = min(best.get(stage, seconds), seconds)
    print(f"{args.articles:,} articles: {bridge.height:,} bridge rows, {authors.height} authors, "
          f"{ignored.height} ignored fields; CPU s, best of {args.repeat}:")
    for stage, seconds in best.items():
        print(f"  {stage:15} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
