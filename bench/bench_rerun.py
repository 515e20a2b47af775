"""A second `newsetl run` over an unchanged inbox of one file per article.

    uv run --extra test python bench/bench_rerun.py [--articles 10000] [--reruns 3]

Builds an inbox of N `.json` files (bench/corpus.py, `files` layout), runs `newsetl run`
on a fresh warehouse, then again `--reruns` times over the unchanged inbox. Targets: a
rerun under 3 s and under 5% of the first run; it must read no file (all `unchanged`) and
load no model (no NER worker process appears in its process tree).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import runner

TARGET_SECONDS = 3.0
TARGET_SHARE = 0.05


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--reruns", type=int, default=3)
    options = parser.parse_args()
    if warning := runner.bytecode_warning():
        print("warning:", warning)
    articles = options.articles
    inbox = corpus.inbox_path(articles, "files")
    if not inbox.exists():
        corpus.build_inbox(inbox, articles, layout="files")
    words = corpus.word_count(corpus.texts(0, articles))
    warehouse = runner.BENCH / "work" / f"rerun-{articles}" / "newsetl.duckdb"
    shutil.rmtree(warehouse.parent, ignore_errors=True)

    first = runner.run_newsetl(inbox, warehouse, articles=articles, words=words)
    print(f"first run: {first.seconds:.1f} s ({first.words_per_second:,.0f} words/s), "
          f"peak RSS {first.peak_rss_mib:,.0f} MiB", flush=True)
    reruns = []
    for _ in range(options.reruns):
        rerun = runner.run_newsetl(inbox, warehouse, articles=0, words=0)
        if f"{articles} unchanged" not in rerun.summary or "0 loaded" not in rerun.summary:
            raise RuntimeError(f"the rerun read something:\n{rerun.summary}")
        reruns.append(rerun)
        print(f"rerun: {rerun.seconds:.2f} s, NER workers started: "
              f"{rerun.ner_workers_started}, peak RSS {rerun.peak_rss_mib:,.0f} MiB "
              f"[load {rerun.load_before}]", flush=True)
    median = statistics.median(r.seconds for r in reruns)
    share = median / first.seconds
    print()
    print(f"| files | first run | rerun (median of {len(reruns)}) | share "
          "| model loaded on rerun |")
    print("|---:|---:|---:|---:|---|")
    print(f"| {articles:,} | {first.seconds:.1f} s | {median:.2f} s | {share:.1%} "
          f"| {any(r.ner_workers_started for r in reruns)} |")
    print(f"\ntarget rerun < {TARGET_SECONDS:.0f} s: "
          f"{'met' if median < TARGET_SECONDS else 'NOT met'}; "
          f"< {TARGET_SHARE:.0%} of the first run: "
          f"{'met' if share < TARGET_SHARE else 'NOT met'}")
    path = runner.save_json("rerun.json", {
        "machine": runner.machine(), "articles": articles, "first": first, "reruns": reruns,
        "rerun_median_seconds": median, "share": share})
    print("saved", path.relative_to(runner.REPO))


if __name__ == "__main__":
    main()
