"""A nightly run adding 500 new articles to a warehouse of 50,000, against the same 500
into an empty warehouse.

    uv run --extra test python bench/bench_incremental.py [--base WAREHOUSE] [--repeat 3]
        [--work DIR]

The 50,000-article warehouse is bench_scaling.py's largest (bench/work/scaling-50000/),
built first if missing (~20 min). Each repeat copies it, then runs `newsetl run` on an
inbox holding the same 100 JSONL files it was loaded from (hard links: same size and
mtime, so the ledger calls them unchanged) plus one new file of articles 50,000–50,499;
and runs the same new file alone into an empty warehouse. Runs alternate; medians are
compared. Target: the 50k case takes at most 1.2× the empty case.

`--work` puts the warehouses (and so their published copies) in another folder, to measure
on another filesystem: publishing is a reflink on XFS or Btrfs, a byte copy of the whole
file on ext4 (warehouse/publish.py). Results go to `incremental.json`, or
`incremental-<filesystem>.json` for a `--work` elsewhere.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_scaling
import corpus
import runner

TARGET = 1.2
BASE_ARTICLES = 50_000
NEW_ARTICLES = 500


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path,
                        default=runner.BENCH / "work" / f"scaling-{BASE_ARTICLES}"
                        / "newsetl.duckdb")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=runner.BENCH / "work" / "incremental")
    options = parser.parse_args()
    if warning := runner.bytecode_warning():
        print("warning:", warning)
    base_inbox = corpus.inbox_path(BASE_ARTICLES)
    if not options.base.exists():
        print(f"building the {BASE_ARTICLES:,}-article warehouse first …", flush=True)
        bench_scaling.run_at(BASE_ARTICLES, keep=True)
    work = options.work
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    filesystem = runner.filesystem(work)
    print(f"warehouses on {filesystem} ({work})", flush=True)
    new_only = corpus.build_inbox(work / "inbox-new", NEW_ARTICLES, start=BASE_ARTICLES)
    grown = work / "inbox-grown"
    grown.mkdir(parents=True)
    for path in [*sorted(base_inbox.iterdir()), *new_only.iterdir()]:
        # Same size and mtime, so the ledger calls the base files unchanged.
        shutil.copy2(path, grown / path.name)
    words = corpus.word_count(corpus.texts(BASE_ARTICLES, NEW_ARTICLES))

    onto_full, onto_empty = [], []
    for attempt in range(options.repeat):
        full = work / f"full-{attempt}" / "newsetl.duckdb"
        full.parent.mkdir(parents=True)
        shutil.copy2(options.base, full)
        # On disk before the clock starts, as a nightly run's warehouse is: else the run's
        # first fsync (the writer's checkpoint) writes back this copy (0.4–2 s measured).
        os.sync()
        result = runner.run_newsetl(grown, full, articles=NEW_ARTICLES, words=words)
        if f"{NEW_ARTICLES} new" not in result.summary:
            raise RuntimeError(f"expected {NEW_ARTICLES} new articles:\n{result.summary}")
        onto_full.append(result)
        shutil.rmtree(full.parent)
        empty = work / f"empty-{attempt}" / "newsetl.duckdb"
        result = runner.run_newsetl(new_only, empty, articles=NEW_ARTICLES, words=words)
        onto_empty.append(result)
        shutil.rmtree(empty.parent)
        print(f"  into {BASE_ARTICLES:,}: {onto_full[-1].seconds:.1f} s; into empty: "
              f"{onto_empty[-1].seconds:.1f} s [load {result.load_after}]", flush=True)
    full_s = statistics.median(r.seconds for r in onto_full)
    empty_s = statistics.median(r.seconds for r in onto_empty)
    ratio = full_s / empty_s
    print()
    print(f"| new articles | filesystem | into {BASE_ARTICLES:,} | into empty | ratio |")
    print("|---:|---|---:|---:|---:|")
    print(f"| {NEW_ARTICLES} | {filesystem} | {full_s:.1f} s | {empty_s:.1f} s "
          f"| **{ratio:.2f}** |")
    print(f"\ntarget ≤ {TARGET}×: {'met' if ratio <= TARGET else 'NOT met'}")
    default_work = work.resolve() == (runner.BENCH / "work" / "incremental").resolve()
    name = "incremental.json" if default_work else f"incremental-{filesystem}.json"
    runner.save_json(name, {
        "machine": runner.machine(), "filesystem": filesystem,
        "base_articles": BASE_ARTICLES, "new_articles": NEW_ARTICLES,
        "into_full": onto_full, "into_empty": onto_empty, "ratio": ratio})
    print(f"saved bench/results/{name}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
