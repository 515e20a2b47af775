"""What each piece of `newsetl run`'s start-up machinery buys, against a running server.

    uv run --extra test python bench/bench_startup_pieces.py [--articles 1000] [--repeat 3]
        [--variant LABEL=REVISION ...]

Issue 15: a piece of start-up machinery stays only if removing it costs more than 5 % of a
1,000-article `newsetl run` against an already running Prefect server (the production
shape). A piece that is removed has no switch in the product, so each variant is a commit
(`commits.py`: a worktree of it with its own environment), all run side by side in this
one benchmark, against the same `prefect server start --host 127.0.0.1`
(`runner.running_server`), on the same inbox (`corpus.py`, JSON Lines files of 500), each
on a fresh warehouse. Every variant runs once on the bundled samples first (warm-up),
then `--repeat` rounds, the order of the variants rotated each round so the machine's
background load hits all alike.

The default variants are the steps of issue 15's removal, each one piece less than the one
before (the commits are on the `startup` branch):
- `all on` (ed90dd0): the workers are prestarted while the CLI imports and tag the first
  batch it guessed (`newsetl/ner_ahead.py`, `nlp/prestart.py`); exit by `os._exit`;
- `no look-ahead` (3c413c0): the workers are still prestarted, with no batch to tag;
- `no prestart` (8c69adf): the flow's `NerPool` starts the workers at its first batch;
- `no os._exit` (246c9e0): the interpreter's own teardown at exit;
- `HEAD`: the working tree, every piece removed (also `newsetl/local_prefect.py`, which
  did nothing against a running server).
Printed per variant: wall seconds (best and median) and CPU seconds (median, the whole
process tree), and what the piece buys: the median wall time of the variant without it
minus the one with it, as a share of the latter.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import commits
import corpus
import runner

DEFAULT_VARIANTS = [
    "all on=ed90dd0",
    "no look-ahead=3c413c0",
    "no prestart=8c69adf",
    "no os._exit=246c9e0",
    "HEAD=HEAD",
]
THRESHOLD = 0.05


def script_of(revision: str) -> Path:
    """The console script to run for `revision`: the working tree's own for HEAD."""
    if revision == "HEAD":
        return runner.NEWSETL
    return commits.checkout(revision)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--variant", action="append", metavar="LABEL=REVISION",
                        help="a commit to run (repeatable; default: issue 15's steps)")
    options = parser.parse_args()
    if warning := runner.bytecode_warning():
        print("warning:", warning)
    variants = [item.split("=", 1) for item in options.variant or DEFAULT_VARIANTS]
    scripts = {label: script_of(revision) for label, revision in variants}
    code = {label: "working tree" if revision == "HEAD" else commits.full_hash(revision)[:7]
            for label, revision in variants}
    articles = options.articles
    inbox = corpus.build_inbox(corpus.inbox_path(articles), articles)
    words = corpus.word_count(corpus.texts(0, articles))
    print("machine:", runner.machine(), flush=True)
    results: dict[str, list[runner.RunResult]] = {label: [] for label, _ in variants}
    with runner.running_server() as api_url:
        env = {"PREFECT_API_URL": api_url}
        for script in scripts.values():  # warm-up: bytecode, the server's first calls
            runner.run_newsetl(runner.REPO / "samples" / "inbox",
                               runner.fresh_warehouse("pieces-warm-up"), extra_env=env,
                               newsetl=script)
        order = list(scripts)
        for attempt in range(options.repeat):
            shift = attempt % len(order)
            for label in order[shift:] + order[:shift]:
                warehouse = runner.fresh_warehouse("pieces")
                result = runner.run_newsetl(inbox, warehouse, articles=articles, words=words,
                                            extra_env=env, newsetl=scripts[label])
                if f"{articles} new" not in result.summary:
                    raise RuntimeError(f"{label}: expected {articles} new:\n{result.summary}")
                results[label].append(result)
                print(f"  round {attempt + 1}, {label}: {result.seconds:.1f} s, "
                      f"{result.cpu_seconds:.0f} CPU s [load {result.load_before} → "
                      f"{result.load_after}]", flush=True)
    runner.fresh_warehouse("pieces")
    median = {label: statistics.median(r.seconds for r in runs)
              for label, runs in results.items()}
    print()
    print(f"{articles:,} articles ({words:,} words), against a running Prefect server, "
          f"{options.repeat} runs each (load average now {runner.load_average()})")
    print()
    print("| variant | code | wall, best | wall, median | CPU s, median "
          "| removing the piece costs (median wall vs the row above) | vs all on |")
    print("|---|---|---:|---:|---:|---:|---:|")
    labels = list(results)
    for position, label in enumerate(labels):
        runs = results[label]
        cpu = statistics.median(r.cpu_seconds for r in runs)
        if position:
            before = median[labels[position - 1]]
            step = f"{(median[label] - before) / before:+.1%}"
            first = median[labels[0]]
            total = f"{(median[label] - first) / first:+.1%}"
        else:
            step = total = ""
        print(f"| {label} | {code[label]} | {min(r.seconds for r in runs):.1f} s "
              f"| {median[label]:.1f} s | {cpu:.0f} | {step} | {total} |")
    print(f"\nA piece is kept only if removing it costs more than {THRESHOLD:.0%}.")
    path = runner.save_json("startup_pieces.json", {
        "machine": runner.machine(), "articles": articles, "words": words,
        "variants": dict(variants), "code": code, "runs": results})
    print("saved", path.relative_to(runner.REPO))


if __name__ == "__main__":
    main()
