"""The console script ends without the interpreter's module teardown, yet exits as
`sys.exit` would: same status, exit handlers run, buffered output written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

NEWSETL = Path(sys.executable).with_name("newsetl")

PROGRAM = """
import atexit, sys
atexit.register(lambda: print("handler ran"))
from newsetl.cli import _exit_without_teardown
print("buffered, no newline", end="")
_exit_without_teardown({code})
"""


@pytest.mark.parametrize(("code", "status", "stderr"), [
    ("None", 0, ""), ("0", 0, ""), ("3", 3, ""), ("'no such inbox'", 1, "no such inbox\n"),
])
def test_exit_keeps_sys_exit_semantics(code: str, status: int, stderr: str) -> None:
    done = subprocess.run([sys.executable, "-c", PROGRAM.format(code=code)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == status
    assert done.stdout == "buffered, no newlinehandler ran\n"
    assert done.stderr == stderr


@pytest.mark.skipif(not NEWSETL.exists(), reason="console script not installed")
def test_the_console_script_prints_and_exits_through_it() -> None:
    done = subprocess.run([str(NEWSETL), "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "run" in done.stdout
    bad = subprocess.run([str(NEWSETL), "no-such-command"], capture_output=True, text=True,
                         timeout=60)
    assert bad.returncode == 2
    assert "No such command" in bad.stderr
