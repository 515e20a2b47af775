"""Memory and CPU of a process and all its descendants, polled from `/proc`.

Peak memory is the peak, over time, of the summed `VmRSS` of the root and every descendant
(for `newsetl run`: the CLI, Prefect's server, the forkserver, the NER workers), read every
0.1 s. Why not `getrusage(RUSAGE_CHILDREN).ru_maxrss`: it is the largest single descendant
that was waited for, not the sum of processes alive at the same time, and it misses
grandchildren that outlive nobody's wait (the NER workers). The sum of RSS counts pages
shared between processes (the workers share the forkserver's libraries) once per process,
so it overstates the real footprint a little: it is an upper bound. `PSS` (proportional set
size, shared pages split between sharers) is read beside it. Sampling can miss a peak
shorter than 0.1 s.
"""

from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def process_tree(root: int) -> list[int]:
    """`root` and all its live descendants."""
    children = _children_map()
    tree, stack = [], [root]
    while stack:
        pid = stack.pop()
        tree.append(pid)
        stack.extend(children.get(pid, []))
    return tree


def _proc_kib(pid: int, file: str, key: str) -> int:
    """The `key: N kB` field of /proc/<pid>/<file>; 0 when the process or field is gone."""
    try:
        text = Path(f"/proc/{pid}/{file}").read_text()
    except OSError:
        return 0
    match = re.search(rf"^{key}:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) if match else 0


def _status_kib(pid: int, key: str) -> int:
    return _proc_kib(pid, "status", key)


def _pss_kib(pid: int) -> int:
    return _proc_kib(pid, "smaps_rollup", "Pss")


def _cpu_ticks(pid: int) -> int | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(
            errors="replace").strip()
    except OSError:
        return ""


@dataclass
class TreeMonitor:
    """Polls a process tree's memory until stopped."""

    root: int
    interval: float = 0.1
    peak_rss_kib: int = 0
    peak_pss_kib: int = 0
    peak_processes: int = 0
    commands: set[str] = field(default_factory=set)
    cpu_ticks: dict[int, int] = field(default_factory=dict)
    pid_commands: dict[int, str] = field(default_factory=dict)
    peak_rss_kib_by_kind: dict[str, int] = field(default_factory=dict)
    # (seconds since start, {kind: RSS MiB}) every ~10 s: shows whether memory grows in N.
    rss_timeline: list[tuple[float, dict[str, float]]] = field(default_factory=list)
    # (seconds since start, {kind: CPU ticks so far}) at every poll: shows idle cores.
    cpu_timeline: list[tuple[float, dict[str, int]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._started = time.perf_counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        polls = 0
        while not self._stop.is_set():
            tree = process_tree(self.root)
            by_pid = {pid: _status_kib(pid, "VmRSS") for pid in tree}
            rss = sum(by_pid.values())
            if rss > self.peak_rss_kib:
                self.peak_rss_kib = rss
            by_kind: dict[str, int] = {}
            for pid, kib in by_pid.items():
                name = process_kind(self.pid_commands.get(pid) or _cmdline(pid))
                by_kind[name] = by_kind.get(name, 0) + kib
            for name, kib in by_kind.items():
                self.peak_rss_kib_by_kind[name] = max(kib, self.peak_rss_kib_by_kind.get(name, 0))
            if polls % 100 == 0:
                self.rss_timeline.append((round(time.perf_counter() - self._started, 1),
                                          {name: round(kib / 1024) for name, kib
                                           in by_kind.items()}))
            if polls % 5 == 0 or rss >= self.peak_rss_kib:  # PSS is dearer to read
                self.peak_pss_kib = max(self.peak_pss_kib, sum(_pss_kib(pid) for pid in tree))
            self.peak_processes = max(self.peak_processes, len(tree))
            for pid in tree:
                if pid not in self.pid_commands:
                    self.pid_commands[pid] = _cmdline(pid)[:160]
                    self.commands.add(self.pid_commands[pid])
                ticks = _cpu_ticks(pid)
                if ticks is not None:
                    self.cpu_ticks[pid] = ticks
            ticks_by_kind: dict[str, int] = {}
            for pid, ticks in self.cpu_ticks.items():
                name = process_kind(self.pid_commands.get(pid, ""))
                ticks_by_kind[name] = ticks_by_kind.get(name, 0) + ticks
            self.cpu_timeline.append((time.perf_counter() - self._started, ticks_by_kind))
            polls += 1
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def cpu_seconds(self) -> float:
        """User + system CPU of every process seen in the tree, as last polled (the last
        0.1 s of each process can be missed)."""
        return sum(self.cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")

    def cpu_by_kind(self) -> dict[str, float]:
        """CPU seconds per kind of process (see `process_kind`)."""
        seconds: dict[str, float] = {}
        for pid, ticks in self.cpu_ticks.items():
            name = process_kind(self.pid_commands.get(pid, ""))
            seconds[name] = seconds.get(name, 0.0) + ticks / os.sysconf("SC_CLK_TCK")
        return dict(sorted(seconds.items(), key=lambda item: -item[1]))


def process_kind(command: str) -> str:
    """What a process of a `newsetl run` tree is, from its command line."""
    if "uvicorn" in command:
        return "prefect server"
    if "forkserver" in command:
        return "ner workers"
    if "resource_tracker" in command:
        return "resource tracker"
    if "newsetl" in command:
        return "cli"
    return "other"
