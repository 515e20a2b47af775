"""What Prefect's temporary local server costs a `newsetl run`, and what helps.

    uv run --extra test python bench/bench_prefect_server.py [--repeat 3]

1. The server alone (the command Prefect runs when no PREFECT_API_URL is set): seconds and
   CPU seconds from spawn to a healthy API, then seconds to stop, with Prefect's defaults
   and with settings that sound like they should help (best of --repeat).
2. A run with nothing to do (the bundled samples, already loaded), three ways:
   - "Prefect's default": the flow called directly; Prefect starts its temporary server
     when the flow first needs the API and stops it at exit;
   - "newsetl run": the CLI spawns the same server as its first action, so the start
     overlaps its imports and the inbox pre-check (newsetl/local_prefect.py);
   - "newsetl run, PREFECT_API_URL set": against an already running server.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import runner

from newsetl.local_prefect import TemporaryServer

VARIANTS = {
    "Prefect defaults": {},
    "PREFECT_API_BLOCKS_REGISTER_ON_START=false": {
        "PREFECT_API_BLOCKS_REGISTER_ON_START": "false"},
    "PREFECT_API_DATABASE_MIGRATE_ON_START=false": {
        "PREFECT_API_DATABASE_MIGRATE_ON_START": "false"},
    "PREFECT_SERVER_ANALYTICS_ENABLED=false": {"PREFECT_SERVER_ANALYTICS_ENABLED": "false"},
    "all three": {"PREFECT_API_BLOCKS_REGISTER_ON_START": "false",
                  "PREFECT_API_DATABASE_MIGRATE_ON_START": "false",
                  "PREFECT_SERVER_ANALYTICS_ENABLED": "false"},
}
_DIRECT_FLOW = """
import sys
from newsetl.flows.nightly import nightly
nightly(inbox=sys.argv[1], warehouse=sys.argv[2])
"""


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_alone(extra: dict[str, str]) -> tuple[float, float, float]:
    saved = dict(os.environ)
    os.environ.update(extra)
    try:
        server = TemporaryServer()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    server.wait_until_healthy(60)
    assert server.process is not None
    assert server.healthy_after is not None
    cpu = _cpu_seconds(server.process.pid)
    began = time.perf_counter()
    server.stop()
    return server.healthy_after, cpu, time.perf_counter() - began


def timed(command: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, cwd=runner.REPO)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    print("| server started with | to healthy | CPU s to healthy | stop |")
    print("|---|---:|---:|---:|")
    alone = {}
    for name, extra in VARIANTS.items():
        runs = [server_alone(extra) for _ in range(options.repeat)]
        best = min(runs)
        alone[name] = best
        print(f"| {name} | {best[0]:.2f} s | {min(r[1] for r in runs):.2f} | "
              f"{min(r[2] for r in runs):.2f} s |", flush=True)

    samples = runner.REPO / "samples" / "inbox"
    warehouse = runner.BENCH / "work" / "prefect-server" / "newsetl.duckdb"
    shutil.rmtree(warehouse.parent, ignore_errors=True)
    env = runner.user_env()
    env.pop("PREFECT_API_URL", None)
    cli = [str(runner.NEWSETL), "run", "--inbox", str(samples), "--warehouse", str(warehouse)]
    direct = [str(runner.PYTHON), "-c", _DIRECT_FLOW, str(samples), str(warehouse)]
    timed(cli, env)  # load the samples once: every timed run below has nothing new
    server = TemporaryServer()
    server.wait_until_healthy(60)
    with_url = {**env, "PREFECT_API_URL": server.api_url}
    ways = {"Prefect's default (flow called directly)": (direct, env),
            "newsetl run (server spawned first)": (cli, env),
            "newsetl run, PREFECT_API_URL set": (cli, with_url)}
    results = {name: [] for name in ways}
    try:
        for _ in range(options.repeat):
            for name, (command, command_env) in ways.items():
                results[name].append(timed(command, command_env))
    finally:
        server.stop()
    shutil.rmtree(warehouse.parent, ignore_errors=True)
    print()
    print("| a run with nothing new | best | median |")
    print("|---|---:|---:|")
    for name, seconds in results.items():
        ordered = sorted(seconds)
        print(f"| {name} | {ordered[0]:.2f} s | {ordered[len(ordered) // 2]:.2f} s |")
    runner.save_json("prefect_server.json", {
        "machine": runner.machine(), "server_alone": alone, "nothing_new_runs": results})
    print("saved bench/results/prefect_server.json")


if __name__ == "__main__":
    main()
