"""Where a run leaves cores idle: CPU use over time, per kind of process.

    uv run --extra test python bench/timeline.py [--articles 1000] [--bin 0.5]

Runs `newsetl run` on a fresh warehouse over N corpus articles (as bench_end_to_end.py
does) and prints, for each time bin, how many cores the CLI, Prefect's temporary server
and the NER workers used. On a machine of C cores, C minus the total is what the run left
idle: that, not CPU seconds, is the gap between a run and the NER ceiling (which keeps
every core on NER). The totals split the run into start (before the workers first reach
full speed), middle and tail (after they last ran at full speed).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import runner

KINDS = ("cli", "prefect server", "ner workers")


def core_use(timeline: list[tuple[float, dict[str, int]]], width: float,
             ticks_per_second: int) -> list[tuple[float, dict[str, float]]]:
    """Cores used per kind in each bin of `width` seconds, from cumulative CPU ticks."""
    bins: list[tuple[float, dict[str, float]]] = []
    previous_time, previous = 0.0, {}
    edge = width
    for at, ticks in timeline:
        if at < edge:
            continue
        span = at - previous_time
        bins.append((previous_time, {
            kind: (ticks.get(kind, 0) - previous.get(kind, 0)) / ticks_per_second / span
            for kind in KINDS}))
        previous_time, previous = at, ticks
        edge = at + width
    return bins


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--bin", type=float, default=0.5, help="seconds per printed row")
    options = parser.parse_args()
    inbox = corpus.build_inbox(corpus.inbox_path(options.articles), options.articles)
    warehouse = runner.BENCH / "work" / f"timeline-{options.articles}" / "newsetl.duckdb"
    shutil.rmtree(warehouse.parent, ignore_errors=True)
    result = runner.run_newsetl(inbox, warehouse, articles=options.articles)
    shutil.rmtree(warehouse.parent, ignore_errors=True)
    bins = core_use(result.cpu_timeline, options.bin, os.sysconf("SC_CLK_TCK"))
    cores = runner.cores()
    print(f"{options.articles} articles: {result.seconds:.1f} s, {result.cpu_seconds:.1f} CPU s "
          f"on {cores} cores [load {result.load_before} → {result.load_after}]")
    print("    t  " + "  ".join(f"{kind:>14}" for kind in KINDS) + "   idle")
    busy = [at for at, use in bins if use["ner workers"] >= cores * 0.75]
    first, last = (busy[0], busy[-1]) if busy else (0.0, 0.0)
    idle = {"start": 0.0, "middle": 0.0, "tail": 0.0}
    for index, (at, use) in enumerate(bins):
        span = (bins[index + 1][0] if index + 1 < len(bins) else result.seconds) - at
        spare = max(0.0, cores - sum(use.values()))
        idle["start" if at < first else "tail" if at > last else "middle"] += spare * span
        print(f"{at:5.1f}  " + "  ".join(f"{use[kind]:14.2f}" for kind in KINDS)
              + f"  {spare:5.2f}")
    print("idle core-seconds: " + ", ".join(f"{name} {value:.1f}" for name, value
                                            in idle.items())
          + f" (NER workers at full speed from {first:.1f} s to {last:.1f} s)")


if __name__ == "__main__":
    main()
