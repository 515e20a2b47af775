"""A second `newsetl run` over an unchanged inbox of one file per article.

    uv run --extra test python bench/bench_rerun.py [--articles 10000] [--reruns 3]

Builds an inbox of N `.json` files (bench/corpus.py, `files` layout), runs `newsetl run`
on a fresh warehouse, then again `--reruns` times over the unchanged inbox. Targets: a
rerun under 3 s and under 5% of the first run; it must read no file (all `unchanged`) and
load no model (no NER worker process appears in its process tree).

`--with-server` also times the reruns against an already running Prefect server
(`prefect server start`, PREFECT_API_URL set), the way scheduled runs of `newsetl serve`
deployments run: issue 15 judges the < 3 s target there; the reruns without it pay
Prefect's temporary server's start and stop.
`--reuse` keeps the warehouse of an earlier first run (bench/work/rerun-N/) if present.
`--server-only` leaves out the reruns with the temporary server. `--other REVISION` (e.g.
`main`) also times that commit's reruns against the same running server and warehouse,
alternating with this checkout's (other, this, other, this …) so background load hits both
alike (bench/commits.py installs it under bench/work/commits/). With a server it also
times Prefect's floor between the reruns: `prefect_floor_flow.py`, a flow of one task that
does nothing, against the same server; the rerun minus the floor is newsetl's own share.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import commits
import corpus
import runner

TARGET_SECONDS = 3.0
TARGET_SHARE = 0.05
FLOOR_FLOW = Path(__file__).resolve().parent / "prefect_floor_flow.py"


def floor_seconds(extra_env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of the no-op flow against the server in `extra_env`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([str(runner.PYTHON), str(FLOOR_FLOW)], check=True,
                   env={**runner.user_env(), **extra_env}, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def rerun_times(inbox: Path, warehouse: Path, articles: int, count: int,
                extra_env: dict[str, str],
                scripts: dict[str, Path] | None = None,
                floors: list[tuple[float, float]] | None = None,
                ) -> dict[str, list[runner.RunResult]]:
    """`count` reruns of each checkout in `scripts` (label → its `newsetl`; default this
    one), alternating between them; with `floors`, one run of the no-op flow after each
    round is appended to it."""
    scripts = scripts or {"this": runner.NEWSETL}
    reruns: dict[str, list[runner.RunResult]] = {label: [] for label in scripts}
    for _ in range(count):
        for label, script in scripts.items():
            rerun = runner.run_newsetl(inbox, warehouse, articles=0, words=0,
                                       extra_env=extra_env, newsetl=script)
            if f"{articles} unchanged" not in rerun.summary or "0 loaded" not in rerun.summary:
                raise RuntimeError(f"the rerun read something:\n{rerun.summary}")
            reruns[label].append(rerun)
            print(f"rerun of {label}{' (PREFECT_API_URL set)' if extra_env else ''}: "
                  f"{rerun.seconds:.2f} s, {rerun.cpu_seconds:.2f} CPU s, NER workers started: "
                  f"{rerun.ner_workers_started}, peak RSS {rerun.peak_rss_mib:,.0f} MiB "
                  f"[load {rerun.load_before} → {rerun.load_after}]", flush=True)
        if floors is not None:
            floors.append(floor_seconds(extra_env))
            print(f"Prefect's floor (a flow of one no-op task): {floors[-1][0]:.2f} s, "
                  f"{floors[-1][1]:.2f} CPU s", flush=True)
    return reruns


def _line(label: str, reruns: list[runner.RunResult]) -> str:
    seconds = [r.seconds for r in reruns]
    return (f"{label}: median {statistics.median(seconds):.2f} s, min {min(seconds):.2f} s, "
            f"max {max(seconds):.2f} s; CPU median "
            f"{statistics.median(r.cpu_seconds for r in reruns):.2f} s; load "
            f"{reruns[0].load_before} … {reruns[-1].load_after}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--reruns", type=int, default=3)
    parser.add_argument("--with-server", action="store_true")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--server-only", action="store_true")
    parser.add_argument("--other", help="a revision whose reruns to time too (with a server)")
    options = parser.parse_args()
    if warning := runner.bytecode_warning():
        print("warning:", warning)
    articles = options.articles
    inbox = corpus.inbox_path(articles, "files")
    if not inbox.exists():
        corpus.build_inbox(inbox, articles, layout="files")
    words = corpus.word_count(corpus.texts(0, articles))
    warehouse = runner.BENCH / "work" / f"rerun-{articles}" / "newsetl.duckdb"
    saved = runner.RESULTS / "rerun.json"
    with contextlib.ExitStack() as stack:
        served_env: dict[str, str] = {}
        if options.with_server:
            served_env = {"PREFECT_API_URL": stack.enter_context(runner.running_server())}
            # One warm-up run against the server (its first calls).
            runner.run_newsetl(runner.REPO / "samples" / "inbox",
                               runner.fresh_warehouse("rerun-warm-up"), extra_env=served_env)
            runner.fresh_warehouse("rerun-warm-up")
        if options.reuse and warehouse.exists() and saved.exists():
            first = runner.RunResult(**json.loads(saved.read_text(encoding="utf-8"))["first"])
            print(f"first run (from {saved.name}): {first.seconds:.1f} s")
        else:
            shutil.rmtree(warehouse.parent, ignore_errors=True)
            # Against the running server when there is one (the same as served runs).
            first = runner.run_newsetl(inbox, warehouse, articles=articles, words=words,
                                       extra_env=served_env)
            print(f"first run: {first.seconds:.1f} s ({first.words_per_second:,.0f} "
                  f"words/s), peak RSS {first.peak_rss_mib:,.0f} MiB", flush=True)
        reruns = ([] if options.server_only and served_env else
                  rerun_times(inbox, warehouse, articles, options.reruns, {})["this"])
        with_server: list[runner.RunResult] = []
        other: list[runner.RunResult] = []
        floors: list[tuple[float, float]] = []
        if served_env:
            scripts = {"this": runner.NEWSETL}
            if options.other:
                scripts = {options.other: commits.checkout(options.other), **scripts}
            served = rerun_times(inbox, warehouse, articles, options.reruns, served_env, scripts,
                                 floors)
            with_server, other = served["this"], served.get(options.other or "", [])
    reruns = reruns or with_server
    median = statistics.median(r.seconds for r in reruns)
    share = median / first.seconds
    print()
    print(f"| files | first run | rerun (median of {len(reruns)}) | share "
          "| model loaded on rerun |")
    print("|---:|---:|---:|---:|---|")
    print(f"| {articles:,} | {first.seconds:.1f} s | {median:.2f} s | {share:.1%} "
          f"| {any(r.ner_workers_started for r in reruns)} |")
    if with_server:
        served = statistics.median(r.seconds for r in with_server)
        print(f"| {articles:,}, PREFECT_API_URL set | | {served:.2f} s "
              f"| {served / first.seconds:.1%} "
              f"| {any(r.ner_workers_started for r in with_server)} |")
    if with_server:
        print(_line(f"this checkout ({runner.code_version()}), PREFECT_API_URL set", with_server))
    if other:
        print(_line(f"{options.other} ({commits.full_hash(options.other)[:7]}), "
                    "PREFECT_API_URL set", other))
    if floors:
        floor = statistics.median(wall for wall, _ in floors)
        served = statistics.median(r.seconds for r in with_server)
        print(f"Prefect's floor, same server, alternating: median {floor:.2f} s (CPU "
              f"{statistics.median(cpu for _, cpu in floors):.2f} s); newsetl's own share "
              f"of the rerun: {served - floor:.2f} s")
    judged = statistics.median(r.seconds for r in with_server) if with_server else median
    print(f"\ntarget rerun < {TARGET_SECONDS:.0f} s"
          f"{' (against the running server)' if with_server else ''}: "
          f"{'met' if judged < TARGET_SECONDS else 'NOT met'}; "
          f"< {TARGET_SHARE:.0%} of the first run: "
          f"{'met' if share < TARGET_SHARE else 'NOT met'}")
    path = runner.save_json("rerun.json", {
        "machine": runner.machine(), "articles": articles, "first": first, "reruns": reruns,
        "rerun_median_seconds": median, "share": share, "reruns_with_server": with_server,
        "other": options.other, "other_reruns_with_server": other,
        "prefect_floor_seconds": [wall for wall, _ in floors]})
    print("saved", path.relative_to(runner.REPO))


if __name__ == "__main__":
    main()
