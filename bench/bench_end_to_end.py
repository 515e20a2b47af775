"""End to end against the NER ceiling, both inbox shapes, against a running Prefect server.

    uv run --extra test python bench/bench_end_to_end.py [--articles 1000 5000] [--repeat 3]
        [--temporary-server] [--numpy-ceiling]

For each N, the same N corpus articles (`corpus.py`) in two inboxes: one `.json` file per
article, and one JSON Lines file of all N (news dumps arrive so). Then, `--repeat` rounds,
alternating so the machine's background load hits all alike:
- the ceiling: spaCy alone, `nlp.pipe` with only `ner`, `n_process` = the machine's cores,
  batch 64, model already loaded, only the pipe timed (bench/runner.py);
- `newsetl run` of each shape on a fresh warehouse, as a user starts it (timed from before
  the process starts to its exit), against an already running Prefect server
  (`prefect server start --host 127.0.0.1`, `runner.running_server`; PREFECT_API_URL set):
  the production shape, on which issue 15 judges the targets;
- with `--temporary-server`, also the one-file-per-article inbox with no PREFECT_API_URL
  (Prefect starts its temporary server in the run): reported on its own line, no target;
- with `--numpy-ceiling`, the ceiling again with numpy's BLAS (what newsetl's workers use,
  nlp/model.py): what the pipeline costs around NER alone.
Ratios are ceiling seconds ÷ run seconds (the target: ≥ 0.90 for both shapes), of the best
(lowest) time of each over the rounds: other work on a shared machine only ever adds time.
Medians and CPU seconds (user + system, every process of the run's tree) are printed too.
Every kind of run goes once on the bundled samples first (warm-up).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import runner

TARGET = 0.90
SHAPES = {"one file per article": "files", "one JSON Lines file": "one-jsonl"}
TEMPORARY = "one file per article, temporary server"


def inbox_for(shape: str, articles: int) -> Path:
    if shape == "files":
        return corpus.build_inbox(corpus.inbox_path(articles, "files"), articles,
                                  layout="files")
    return corpus.build_inbox(corpus.inbox_path(articles, shape), articles, layout="jsonl",
                              per_file=articles)


def measure(articles: int, repeat: int, api_url: str, temporary: bool,
            numpy_ceiling: bool) -> dict[str, object]:
    inboxes = {name: inbox_for(shape, articles) for name, shape in SHAPES.items()}
    texts = corpus.texts(0, articles)
    words = corpus.word_count(texts)
    kinds = [(name, inbox, {"PREFECT_API_URL": api_url}) for name, inbox in inboxes.items()]
    if temporary:
        kinds.append((TEMPORARY, inboxes["one file per article"], {}))
    runs: dict[str, list[runner.RunResult]] = {name: [] for name, _, _ in kinds}
    ceilings, numpy_ceilings = [], []
    for attempt in range(repeat):
        ceilings.append(runner.run_ceiling(texts, words))
        print(f"  {articles}: ceiling {ceilings[-1].seconds:.1f} s "
              f"({ceilings[-1].cpu_seconds:.0f} CPU s)", flush=True)
        shift = attempt % len(kinds)
        for name, inbox, env in kinds[shift:] + kinds[:shift]:
            result = runner.run_newsetl(inbox, runner.fresh_warehouse(f"e2e-{articles}"),
                                        articles=articles, words=words, extra_env=env)
            if f"{articles} new" not in result.summary:
                raise RuntimeError(f"{name}: expected {articles} new:\n{result.summary}")
            runs[name].append(result)
            print(f"  {articles}, {name}: {result.seconds:.1f} s ({result.cpu_seconds:.0f} "
                  f"CPU s) [load {result.load_before} → {result.load_after}]", flush=True)
        if numpy_ceiling:
            numpy_ceilings.append(runner.run_ceiling(texts, words, ops="numpy"))
            print(f"  {articles}: ceiling with numpy BLAS {numpy_ceilings[-1].seconds:.1f} s",
                  flush=True)
    runner.fresh_warehouse(f"e2e-{articles}")
    ceiling_s = min(c.seconds for c in ceilings)
    rows = {}
    for name, results in runs.items():
        best = min(r.seconds for r in results)
        rows[name] = {
            "best_seconds": best, "median_seconds": statistics.median(r.seconds for r in results),
            "median_cpu_seconds": statistics.median(r.cpu_seconds for r in results),
            "words_per_second": words / best, "ratio": ceiling_s / best,
            "peak_rss_mib": max(r.peak_rss_mib for r in results), "runs": results,
        }
    return {
        "articles": articles, "words": words, "repeat": repeat,
        "ceiling_seconds": ceiling_s, "ceiling_words_per_second": words / ceiling_s,
        "ceiling_cpu_seconds": statistics.median(c.cpu_seconds for c in ceilings),
        "numpy_ceiling_seconds": min((c.seconds for c in numpy_ceilings), default=None),
        "rows": rows, "ceilings": ceilings, "numpy_ceilings": numpy_ceilings,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--temporary-server", action="store_true")
    parser.add_argument("--numpy-ceiling", action="store_true")
    options = parser.parse_args()
    if warning := runner.bytecode_warning():
        print("warning:", warning)
    print("machine:", runner.machine(), flush=True)
    with runner.running_server() as api_url:
        warm = [{"PREFECT_API_URL": api_url}] + ([{}] if options.temporary_server else [])
        for env in warm:  # neither timed kind pays a first start
            runner.run_newsetl(runner.REPO / "samples" / "inbox",
                               runner.fresh_warehouse("e2e-warm-up"), extra_env=env)
        results = [measure(articles, options.repeat, api_url, options.temporary_server,
                           options.numpy_ceiling) for articles in options.articles]
    runner.fresh_warehouse("e2e-warm-up")
    print()
    print(f"Best of {options.repeat} (median in brackets); load average now "
          f"{runner.load_average()}")
    print()
    print("| articles | words | inbox | newsetl run | words/s | ceiling | words/s | ratio "
          "| CPU s: run / ceiling |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    met = True
    for result in results:
        for name, row in result["rows"].items():
            if name != TEMPORARY:
                met = met and row["ratio"] >= TARGET
            print(f"| {result['articles']:,} | {result['words']:,} | {name} "
                  f"| {row['best_seconds']:.1f} s ({row['median_seconds']:.1f}) "
                  f"| {row['words_per_second']:,.0f} | {result['ceiling_seconds']:.1f} s "
                  f"| {result['ceiling_words_per_second']:,.0f} | **{row['ratio']:.2f}** "
                  f"| {row['median_cpu_seconds']:.0f} / {result['ceiling_cpu_seconds']:.0f} |")
        if result["numpy_ceiling_seconds"]:
            print(f"| {result['articles']:,} | | ceiling with numpy BLAS "
                  f"| {result['numpy_ceiling_seconds']:.1f} s | | | | | |")
    print(f"\ntarget ≥ {TARGET:.2f} × ceiling, both shapes, against a running server: "
          f"{'met' if met else 'NOT met'}")
    name = "end_to_end-" + "-".join(str(n) for n in options.articles) + ".json"
    path = runner.save_json(name, {"machine": runner.machine(), "rows": results})
    print("saved", path.relative_to(runner.REPO))


if __name__ == "__main__":
    main()
