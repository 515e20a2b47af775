"""What Prefect's temporary server costs a `newsetl run` (reported; no target applies).

    uv run --extra test python bench/bench_prefect_server.py [--repeat 3]

1. The server alone, as Prefect starts it when no PREFECT_API_URL is set
   (`prefect.server.api.server.SubprocessASGIServer`, with the settings newsetl's CLI gives
   it: `newsetl/prefect_defaults.py`): seconds and CPU seconds from spawn to a healthy API,
   then seconds to stop (best of --repeat; the Prefect home is warmed first, so no
   database is created in the timed starts).
2. A run with nothing to do (the bundled samples, already loaded), alternating: `newsetl
   run` with no PREFECT_API_URL (Prefect starts and stops its temporary server in the
   run) and against an already running server (`runner.running_server`). The difference
   of the medians is the temporary server's fixed cost in a run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import runner


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_alone() -> tuple[float, float, float]:
    """(seconds to healthy, its CPU seconds by then, seconds to stop) of one start."""
    from prefect.server.api.server import SubprocessASGIServer

    from newsetl.prefect_defaults import prefect_defaults

    with prefect_defaults():
        server = SubprocessASGIServer()
        began = time.perf_counter()
        server.start()
        healthy = time.perf_counter() - began
        assert server.server_process is not None
        cpu = _cpu_seconds(server.server_process.pid)
        began = time.perf_counter()
        server.stop()
        return healthy, cpu, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    os.environ.pop("PREFECT_API_URL", None)
    print("machine:", runner.machine(), flush=True)
    server_alone()  # warm-up: a new Prefect home's first start creates its database
    alone = [server_alone() for _ in range(options.repeat)]
    print("| Prefect's temporary server alone | best | median |")
    print("|---|---:|---:|")
    for position, what in enumerate(("spawn to healthy", "CPU s by then", "stop")):
        values = [a[position] for a in alone]
        print(f"| {what} | {min(values):.2f} | {statistics.median(values):.2f} |")

    samples = runner.REPO / "samples" / "inbox"
    warehouse = runner.fresh_warehouse("prefect-server")
    ways = {"temporary server (no PREFECT_API_URL)": {}}
    results: dict[str, list[runner.RunResult]] = {}
    with runner.running_server() as api_url:
        ways["against a running server"] = {"PREFECT_API_URL": api_url}
        for env in ways.values():  # load the samples once; warm both ways
            runner.run_newsetl(samples, warehouse, extra_env=env)
        results = {name: [] for name in ways}
        for _ in range(options.repeat):
            for name, env in ways.items():
                result = runner.run_newsetl(samples, warehouse, extra_env=env)
                if " 0 loaded" not in result.summary and "0 new" not in result.summary:
                    raise RuntimeError(f"the run loaded something:\n{result.summary}")
                results[name].append(result)
    runner.fresh_warehouse("prefect-server")
    print()
    print("| a run with nothing new | best | median | CPU s, median |")
    print("|---|---:|---:|---:|")
    medians = {}
    for name, runs in results.items():
        medians[name] = statistics.median(r.seconds for r in runs)
        print(f"| {name} | {min(r.seconds for r in runs):.2f} s | {medians[name]:.2f} s "
              f"| {statistics.median(r.cpu_seconds for r in runs):.1f} |")
    temporary, served = medians.values()
    print(f"\nthe temporary server's fixed cost in a run: {temporary - served:.2f} s "
          f"(load average now {runner.load_average()})")
    runner.save_json("prefect_server.json", {
        "machine": runner.machine(), "server_alone": alone, "nothing_new_runs": results})
    print("saved bench/results/prefect_server.json")


if __name__ == "__main__":
    main()
