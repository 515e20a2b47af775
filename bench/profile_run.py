"""Where the CPU of a `newsetl run` goes: py-spy over the whole process tree, summarised.

    uv run --extra test python bench/profile_run.py [--articles 1000] [--label after]

Runs `newsetl run` on a fresh warehouse and an inbox of N corpus articles under
`py-spy record --subprocesses` (py-spy comes from `uvx py-spy`; it is no dependency of the
project), 100 samples/s of every thread that is on CPU (idle threads are not sampled, so
counts are CPU time, not wall time). Writes the raw stacks to bench/work/ and a summary to
`bench/results/profile-<N>-<label>.md`: CPU per process kind, then, for the CLI process,
CPU per phase (our functions and Prefect's machinery) and the heaviest frames.
"""

from __future__ import annotations

import argparse
import collections
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import runner
from process_tree import process_kind

RATE = 100
# Phases of the CLI process, first match wins (checked from the leaf up).
PHASES = [
    ("import (Python modules)", re.compile(r"^_find_and_load \(")),
    ("NER pool: waiting/handing over", re.compile(r"nlp/(pool|workers)\.py")),
    ("read + parse files", re.compile(r"ingest/(batches|reader|parse|format_)")),
    ("prepare/decide (clean, date, identify, classify)",
     re.compile(r"decide_batch|prepare_records|decide_outcomes")),
    ("star rows (normalize entities, dates)",
     re.compile(r"build_star|find_mentions|star_rows|combine_mentions")),
    ("load (DuckDB)", re.compile(r"load_batch \(|warehouse/load\.py")),
    ("checks", re.compile(r"run_checks|check_run")),
    ("publish + report", re.compile(r"publish|report|summarize_run")),
    ("reference data", re.compile(r"reference_data|load_reference_data")),
    ("plan inbox (discover + ledger)", re.compile(r"plan_inbox")),
    ("Prefect: task parameter traversal",
     re.compile(r"_resolve_parameters|collect_task_run_inputs")),
    ("Prefect: engine, API calls, events", re.compile(r"prefect/")),
]


# The profile's names for `process_tree.process_kind`'s kinds.
_KIND_LABELS = {
    "prefect server": "Prefect temporary server",
    "ner workers": "NER workers (+ forkserver)",
    "resource tracker": "multiprocessing resource tracker",
    "cli": "newsetl CLI (the flow)",
}


def kind(process: str) -> str:
    return _KIND_LABELS.get(process_kind(process), "other: " + process[:60])


def summarise(raw: Path, wall: float, label: str, articles: int) -> str:
    per_kind: collections.Counter[str] = collections.Counter()
    phases: collections.Counter[str] = collections.Counter()
    frames: collections.Counter[str] = collections.Counter()
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        samples = int(count)
        parts = stack.split(";")
        processes = [part for part in parts if part.startswith("process ")]
        owner = kind(processes[-1] if processes else "newsetl run")
        per_kind[owner] += samples
        if owner != "newsetl CLI (the flow)":
            continue
        code = [part for part in parts if not part.startswith("process ")]
        for part in set(code):
            frames[part] += samples
        phase = "other"
        for name, pattern in PHASES:
            if any(pattern.search(part) for part in code):
                phase = name
                break
        phases[phase] += samples
    total = sum(per_kind.values())
    lines = [f"# Profile of `newsetl run`, {articles:,} articles ({label})", "",
             f"Wall time {wall:.1f} s; CPU sampled {total / RATE:.1f} s "
             f"(py-spy, {RATE}/s, on-CPU threads only; load average "
             f"{runner.load_average()}).", "",
             "| process | CPU s | share |", "|---|---:|---:|"]
    for name, samples in per_kind.most_common():
        lines.append(f"| {name} | {samples / RATE:.1f} | {samples / total:.0%} |")
    cli_total = per_kind["newsetl CLI (the flow)"] or 1
    lines += ["", "CLI process by phase (a sample counts for the first phase its stack matches):",
              "", "| phase | CPU s | share of CLI |", "|---|---:|---:|"]
    for name, samples in phases.most_common():
        lines.append(f"| {name} | {samples / RATE:.1f} | {samples / cli_total:.0%} |")
    lines += ["", "Heaviest frames of the CLI process (inclusive):", "", "| frame | CPU s |",
              "|---|---:|"]
    shown = 0
    for frame, samples in frames.most_common():
        if re.search(r"<frozen|^<module> \(newsetl|typer|click|^main \(|^run \(newsetl/cli",
                     frame):
            continue
        lines.append(f"| `{frame}` | {samples / RATE:.1f} |")
        shown += 1
        if shown == 30:
            break
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--label", default="current")
    options = parser.parse_args()
    uvx = shutil.which("uvx")
    if uvx is None:
        sys.exit("needs `uvx` (from uv) to run py-spy")
    inbox = corpus.inbox_path(options.articles)
    if not inbox.exists():
        corpus.build_inbox(inbox, options.articles)
    work = runner.BENCH / "work" / f"profile-{options.articles}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    raw = work / f"stacks-{options.label}.txt"
    started = time.perf_counter()
    subprocess.run(
        [uvx, "py-spy", "record", "--subprocesses", "-r", str(RATE), "-f", "raw",
         "-o", str(raw), "--", str(runner.NEWSETL), "run", "--inbox", str(inbox),
         "--warehouse", str(work / "newsetl.duckdb")],
        env=runner.user_env(), check=True, cwd=runner.REPO, capture_output=True,
    )
    wall = time.perf_counter() - started
    summary = summarise(raw, wall, options.label, options.articles)
    runner.RESULTS.mkdir(parents=True, exist_ok=True)
    out = runner.RESULTS / f"profile-{options.articles}-{options.label}.md"
    out.write_text(summary, encoding="utf-8")
    print(summary)
    print("saved", out.relative_to(runner.REPO), "and", raw.relative_to(runner.REPO))


if __name__ == "__main__":
    main()
