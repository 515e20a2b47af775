"""Time and peak memory of `newsetl run` at 1k / 5k / 10k / 50k articles: table + PNG.

    uv run --extra test --extra bench python bench/bench_scaling.py [--articles 1000 5000 …]

Each N: a fresh warehouse, an inbox of N corpus articles in JSONL files of 500
(bench/corpus.py), one `newsetl run` as a user starts it, timed to its exit, with the peak
summed RSS (and PSS) of its whole process tree (bench/process_tree.py). Writes
`bench/results/scaling.json`, `scaling.md` and `scaling.png` (seconds and peak RSS against
N, with the straight line through the origin fitted to the points, so a bend shows).
The largest warehouse is kept in `bench/work/scaling-<N>/` for bench_incremental.py.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import runner


def run_at(articles: int, keep: bool) -> runner.RunResult:
    inbox = corpus.inbox_path(articles)
    if not inbox.exists():
        corpus.build_inbox(inbox, articles)
    words = corpus.word_count(corpus.texts(0, articles))
    warehouse = runner.BENCH / "work" / f"scaling-{articles}" / "newsetl.duckdb"
    shutil.rmtree(warehouse.parent, ignore_errors=True)
    result = runner.run_newsetl(inbox, warehouse, articles=articles, words=words)
    if f"{articles} new" not in result.summary:
        raise RuntimeError(f"expected {articles} new articles:\n{result.summary}")
    if not keep:
        shutil.rmtree(warehouse.parent, ignore_errors=True)
    return result


def table(rows: list[runner.RunResult]) -> str:
    lines = ["| articles | words | seconds | words/s | s per 1k articles | peak RSS (tree) "
             "| peak PSS (tree) |", "|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        lines.append(f"| {row.articles:,} | {row.words:,} | {row.seconds:.1f} "
                     f"| {row.words_per_second:,.0f} | {1000 * row.seconds / row.articles:.1f} "
                     f"| {row.peak_rss_mib:,.0f} MiB | {row.peak_pss_mib:,.0f} MiB |")
    return "\n".join(lines)


def chart(rows: list[runner.RunResult], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n = [row.articles for row in rows]
    seconds = [row.seconds for row in rows]
    rss = [row.peak_rss_mib for row in rows]
    slope = sum(x * y for x, y in zip(n, seconds, strict=True)) / sum(x * x for x in n)
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot(n, seconds, "o-", label="newsetl run")
    left.plot([0, max(n)], [0, slope * max(n)], "--", color="grey",
              label=f"linear fit: {1000 * slope:.1f} s per 1k articles")
    left.set_xlabel("articles")
    left.set_ylabel("seconds (process start to exit)")
    left.set_title("Run time")
    left.legend()
    right.plot(n, rss, "o-", color="tab:red", label="peak RSS, whole process tree")
    right.plot(n, [row.peak_pss_mib for row in rows], "o-", color="tab:orange",
               label="peak PSS, whole process tree")
    right.axhline(1.5e9 / 2**20, color="grey", linestyle="--", label="1.5 GB target")
    right.set_ylim(0, max(1700, max(rss) * 1.1))
    right.set_xlabel("articles")
    right.set_ylabel("MiB")
    right.set_title("Peak memory")
    right.legend()
    for axis in (left, right):
        axis.set_xscale("linear")
        axis.grid(alpha=0.3)
    figure.suptitle(f"newsetl run, {runner.cores()} cores (bench/bench_scaling.py)")
    figure.tight_layout()
    figure.savefig(path, dpi=100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 5000, 10000, 50000])
    parser.add_argument("--replot", action="store_true",
                        help="redraw table and chart from bench/results/scaling.json")
    options = parser.parse_args()
    if options.replot:
        saved = json.loads((runner.RESULTS / "scaling.json").read_text(encoding="utf-8"))
        rows = [runner.RunResult(**row) for row in saved["rows"]]
        (runner.RESULTS / "scaling.md").write_text(table(rows) + "\n", encoding="utf-8")
        chart(rows, runner.RESULTS / "scaling.png")
        print(table(rows))
        return
    if warning := runner.bytecode_warning():
        print("warning:", warning)
    largest = max(options.articles)
    rows = []
    for articles in sorted(options.articles):
        rows.append(run_at(articles, keep=articles == largest))
        row = rows[-1]
        print(f"{articles:>6} articles: {row.seconds:.1f} s, {row.words_per_second:,.0f} "
              f"words/s, peak RSS {row.peak_rss_mib:,.0f} MiB [load {row.load_before} → "
              f"{row.load_after}]", flush=True)
    text = table(rows)
    print()
    print(text)
    runner.RESULTS.mkdir(parents=True, exist_ok=True)
    (runner.RESULTS / "scaling.md").write_text(text + "\n", encoding="utf-8")
    runner.save_json("scaling.json", {"machine": runner.machine(), "rows": rows})
    chart(rows, runner.RESULTS / "scaling.png")
    print("saved bench/results/scaling.{json,md,png}")


if __name__ == "__main__":
    main()
