"""Promise: no input crashes or hangs a reader. Coverage-guided fuzzing (atheris) of every
file reader (decoding, JSON, JSON Lines, CSV, HTML, text, the parse edge under every file
name, the capped gzip reader) and of text cleaning, 60 s in CI (`make soak`: 15 minutes):
0 crashes, 0 inputs over the per-input time bound, and every target reached."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.scorecard.scorecard import record, soak

pytestmark = pytest.mark.slow(seconds=65)
SECONDS = 900 if soak() else 60
PER_INPUT_SECONDS = 10  # libFuzzer's -timeout: an input running longer is a hang


def test_fuzzing_every_reader_and_text_cleaning_finds_no_crash_and_no_hang(
        tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "tests.scorecard.fuzz_readers", str(SECONDS),
                           str(tmp_path), str(PER_INPUT_SECONDS)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=SECONDS + 300, check=False)
    log = done.stderr
    runs = re.search(r"Done (\d+) runs in (\d+) second", log)
    crashes = sorted(path.name for path in tmp_path.iterdir()
                     if path.name.startswith(("crash-", "timeout-", "oom-", "leak-")))
    tally = json.loads((tmp_path / "tally.json").read_text()) if (
        tmp_path / "tally.json").is_file() else {}
    targets = json.loads((tmp_path / "targets.json").read_text())
    slowest = max((seconds for _, seconds in tally.values()), default=0.0)
    coverage = re.findall(r"cov: (\d+)", log)
    figures = {"seconds": SECONDS, "inputs": int(runs.group(1)) if runs else 0,
               "targets": f"{len(tally)}/{len(targets)}", "crashes": len(crashes),
               "hangs": sum(name.startswith("timeout-") for name in crashes),
               "slowest input s": round(slowest, 2), "bound s": PER_INPUT_SECONDS,
               "coverage": int(coverage[-1]) if coverage else 0, "fuzzer": "atheris"}
    passed = (done.returncode == 0 and runs is not None and not crashes
              and set(tally) == set(targets) and slowest < PER_INPUT_SECONDS)
    record("fuzzing", passed, figures, ", ".join(crashes)[:300])
    assert done.returncode == 0, log[-4000:]
    assert crashes == []
    assert runs is not None, log[-2000:]
    assert set(tally) == set(targets)
    assert slowest < PER_INPUT_SECONDS
