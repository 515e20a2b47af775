"""Peak memory of the whole `newsetl run` process tree at 1k / 10k / 50k articles.

    uv run --extra test python bench/bench_memory.py [--articles 1000 10000 50000]
    uv run --extra test python bench/bench_memory.py --reuse   # take bench_scaling's runs

Peak summed `VmRSS` of the CLI process and all its descendants, polled every 0.1 s from
`/proc` (why not `getrusage`: see bench/process_tree.py), plus the same with PSS. Targets: under
1.5 GB at every N, and not growing with N. `--reuse` reads the runs of the same sizes
from bench/results/scaling.json instead of running them again (a 50k run takes ~20 min).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_scaling
import runner

TARGET_MIB = 1.5e9 / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--reuse", action="store_true")
    options = parser.parse_args()
    reused: dict[int, dict[str, object]] = {}
    if options.reuse:
        saved = json.loads((runner.RESULTS / "scaling.json").read_text(encoding="utf-8"))
        reused = {row["articles"]: row for row in saved["rows"]}
    rows = []
    for articles in options.articles:
        if articles in reused:
            row = reused[articles]
            rows.append((articles, row["peak_rss_mib"], row["peak_pss_mib"],
                         row["peak_processes"], "bench_scaling run"))
            continue
        result = bench_scaling.run_at(articles, keep=False)
        rows.append((articles, result.peak_rss_mib, result.peak_pss_mib,
                     result.peak_processes, f"{result.seconds:.0f} s run"))
        print(f"{articles:>6}: peak RSS {result.peak_rss_mib:,.0f} MiB", flush=True)
    print()
    print("| articles | peak RSS, whole tree | peak PSS, whole tree | processes | source |")
    print("|---:|---:|---:|---:|---|")
    for articles, rss, pss, processes, source in rows:
        print(f"| {articles:,} | {rss:,.0f} MiB | {pss:,.0f} MiB | {processes} | {source} |")
    peaks = [rss for _, rss, _, _, _ in rows]
    growth = peaks[-1] / peaks[0]
    print(f"\nunder 1.5 GB at every N: {'met' if max(peaks) < TARGET_MIB else 'NOT met'}; "
          f"largest N / smallest N: ×{growth:.2f} "
          f"({'flat' if growth < 1.15 else 'GROWING'})")
    runner.save_json("memory.json", {"machine": runner.machine(), "rows": [
        dict(zip(("articles", "peak_rss_mib", "peak_pss_mib", "processes", "source"), row,
                 strict=True)) for row in rows]})
    print("saved bench/results/memory.json")


if __name__ == "__main__":
    main()
