"""The scorecard: each promise's test module records its figures here, one line per promise.

`record()` prints the figures (pytest shows them with `-s`, or under a failure) and, when
`SCORECARD_RESULTS` names a file, appends them to it as one JSON line; `.ci/run` sets it and,
once the suite has run, prints the table with `python -m tests.scorecard.scorecard FILE`.
`SCORECARD_SOAK=1` (`make soak`) makes each module run its long version.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

RESULTS_VARIABLE = "SCORECARD_RESULTS"
PROMISES = ("crash consistency", "bad inputs", "concurrency", "disk full", "fuzzing",
            "sql lockdown")


def soak() -> bool:
    """True for the long versions (`make soak`)."""
    return os.environ.get("SCORECARD_SOAK", "") not in ("", "0")


def record(promise: str, passed: bool | None, figures: dict[str, object],
           note: str = "") -> None:
    """Print one promise's figures and append them to the results file, if one is named.

    `passed` None: not measured here (a skip), with the reason in `note`."""
    assert promise in PROMISES, promise
    note = " ".join(note.split())
    line = {"promise": promise, "passed": passed, "figures": figures, "note": note,
            "soak": soak()}
    print(f"scorecard | {promise} | {_state(passed)} | {_figures(figures)}"
          + (f" | {note}" if note else ""))
    target = os.environ.get(RESULTS_VARIABLE)
    if target:
        with Path(target).open("a", encoding="utf-8") as out:
            out.write(json.dumps(line, default=str) + "\n")


def _state(passed: object) -> str:
    return {True: "kept", False: "BROKEN", None: "skipped"}[passed]  # type: ignore[index]


def _figures(figures: dict[str, object]) -> str:
    return ", ".join(f"{name} {value}" for name, value in figures.items())


def table(results: Path) -> tuple[str, int]:
    """The scorecard as text, and how many promises are broken or were never measured."""
    found: dict[str, dict[str, object]] = {}
    if results.is_file():
        for text in results.read_text(encoding="utf-8").splitlines():
            line = json.loads(text)
            found[line["promise"]] = line  # a module run again: its latest figures
    lines = ["", "=" * 32 + " scorecard " + "=" * 32]
    bad = 0
    for promise in PROMISES:
        line = found.get(promise)
        if line is None:
            state, detail, bad = "NOT RUN", "no figures recorded", bad + 1
        else:
            state = _state(line["passed"])
            bad += 1 if line["passed"] is False else 0
            detail = _figures(line["figures"])  # type: ignore[arg-type]
            if line["note"]:
                detail += f" ({line['note']})"
        lines.append(f"{promise:<18} {state:<8} {detail}")
    kept = sum(1 for line in found.values() if line["passed"] is True)
    lines.append(f"scorecard: {kept} of {len(PROMISES)} promises kept, {bad} broken or not run")
    return "\n".join(lines), bad


def main(argv: list[str]) -> int:
    """Print the table of the results file `argv[0]` (the exit code is the test run's)."""
    text, _ = table(Path(argv[0]))
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
