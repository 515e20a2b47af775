"""Another commit of this repository, installed to run beside the working tree's code.

    checkout("ed90dd0")  # → the `newsetl` console script of that commit

A detached git worktree of the commit under `bench/work/commits/<full hash>/` with its own
environment (`uv sync --locked`, from uv's cache: seconds), so a benchmark can run the
commit with a piece of code against the commit without it, side by side in one run,
without a switch in the product for a piece that is removed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CHECKOUTS = BENCH / "work" / "commits"


def full_hash(revision: str) -> str:
    return subprocess.run(["git", "rev-parse", "--verify", f"{revision}^{{commit}}"],
                          cwd=REPO, check=True, capture_output=True, text=True).stdout.strip()


def checkout(revision: str) -> Path:
    """The console script `newsetl` of `revision`, installed in a worktree of its own."""
    commit = full_hash(revision)
    tree = CHECKOUTS / commit
    script = tree / ".venv" / "bin" / "newsetl"
    if script.exists():
        return script
    if tree.exists():  # an earlier attempt stopped half-way
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO,
                       capture_output=True)
        shutil.rmtree(tree, ignore_errors=True)
    CHECKOUTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), commit], cwd=REPO,
                   check=True, capture_output=True)
    uv = shutil.which("uv") or str(Path.home() / ".local" / "bin" / "uv")
    env = {key: value for key, value in os.environ.items()
           if key not in {"VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT"}}
    # Bytecode compiled at install, as a normal install leaves it (bench/runner.py).
    subprocess.run([uv, "sync", "--locked", "--quiet", "--compile-bytecode"], cwd=tree,
                   env=env, check=True)
    return script


def remove_all() -> None:
    """Remove every worktree `checkout` made."""
    for tree in CHECKOUTS.glob("*"):
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO,
                       capture_output=True)
    subprocess.run(["git", "worktree", "prune"], cwd=REPO, capture_output=True)
