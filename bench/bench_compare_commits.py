"""`newsetl run` of this checkout against another one, on the same inbox, against one running
Prefect server: the speed check of a change ("no more than 5 % slower").

    git worktree add /tmp/before <commit> && (cd /tmp/before && uv sync --locked --extra test)
    uv run --extra test python bench/bench_compare_commits.py --other /tmp/before \\
        [--articles 5000] [--repeat 3]

Both checkouts run alternately (other, this, other, this …) on a fresh warehouse each time,
so the machine's background load hits both alike; the table gives the best and the median
wall time and CPU seconds (every process of the run's tree) of each. The server is started
by this checkout's Prefect (`prefect server start`, bound to 127.0.0.1) and warmed by one
run of each checkout on the bundled samples.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import runner


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(home: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`prefect server start` on a free loopback port; returns it and its API URL."""
    port = _free_port()
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    prefect = Path(sys.executable).parent / "prefect"
    process = subprocess.Popen([str(prefect), "server", "start", "--host", "127.0.0.1",
                                "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    api_url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return process, api_url
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError("the Prefect server did not answer within 180 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--other", type=Path, required=True,
                        help="another checkout with its own .venv (uv sync --extra test)")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    # A kill ends the benchmark through its `finally`, so the server it started stops too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    checkouts = {"other": options.other.resolve() / ".venv" / "bin" / "newsetl",
                 "this": runner.NEWSETL}
    print("machine:", runner.machine())
    print("this:", runner.code_version(), " other:", options.other)
    inbox = corpus.build_inbox(corpus.inbox_path(options.articles), options.articles)
    with tempfile.TemporaryDirectory(prefix="newsetl-compare-") as scratch:
        server, api_url = start_server(Path(scratch) / "prefect")
        env = {"PREFECT_API_URL": api_url}
        try:
            warehouse = Path(scratch) / "work" / "newsetl.duckdb"
            for newsetl in checkouts.values():
                shutil.rmtree(warehouse.parent, ignore_errors=True)
                runner.run_newsetl(runner.REPO / "samples" / "inbox", warehouse,
                                   extra_env=env, newsetl=newsetl)
            results: dict[str, list[runner.RunResult]] = {name: [] for name in checkouts}
            for attempt in range(options.repeat):
                for name, newsetl in checkouts.items():
                    shutil.rmtree(warehouse.parent, ignore_errors=True)
                    result = runner.run_newsetl(inbox, warehouse, articles=options.articles,
                                                extra_env=env, newsetl=newsetl)
                    if f"{options.articles} new" not in result.summary:
                        raise RuntimeError(f"{name}: expected {options.articles} new "
                                           f"articles:\n{result.summary}")
                    results[name].append(result)
                    print(f"  {attempt + 1} {name}: {result.seconds:.1f} s, "
                          f"{result.cpu_seconds:.0f} CPU s [load {result.load_before}]",
                          flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"\n| {options.articles:,} articles | best s | median s | best CPU s | median CPU s |")
    print("|---|---:|---:|---:|---:|")
    for name, runs in results.items():
        seconds = [r.seconds for r in runs]
        cpu = [r.cpu_seconds for r in runs]
        print(f"| {name} | {min(seconds):.1f} | {statistics.median(seconds):.1f} "
              f"| {min(cpu):.0f} | {statistics.median(cpu):.0f} |")
    best = {name: min(r.seconds for r in runs) for name, runs in results.items()}
    print(f"\nthis / other, best wall time: {best['this'] / best['other']:.3f}")


if __name__ == "__main__":
    main()
