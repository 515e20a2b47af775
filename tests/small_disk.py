"""A small real filesystem to fill: a tmpfs mounted for one test (root can mount one; where
mounting is refused the test is skipped with the reason printed)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """`folder` as a fresh tmpfs of `size` (e.g. "16m") for the block; skips if refused."""
    folder.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None:
        pytest.skip("no mount command: cannot make a small disk to fill")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        reason = f"mounting a tmpfs was refused: {done.stderr.strip() or done.returncode}"
        print(reason)
        pytest.skip(reason)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=30)


def fill(folder: Path, leave_bytes: int) -> Path:
    """Write a filler file until at most `leave_bytes` stay free on `folder`'s filesystem."""
    filler = folder / "filler"
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    chunk = b"\0" * (1 << 20)
    with open(filler, "ab") as handle:
        to_write = max(0, free - leave_bytes)
        while to_write > 0:
            try:
                to_write -= handle.write(chunk[:min(len(chunk), to_write)])
            except OSError:
                break
    return filler
