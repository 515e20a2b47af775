"""Progress of a long run on the terminal: files read, articles tagged, rows loaded, with a
rate and an estimate. Silent when the output is not a terminal (cron, workers, CI)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


class RunProgress:
    """One status line, redrawn in place at most every `interval` seconds."""

    def __init__(self, total_files: int, total_bytes: int, stream: TextIO | None = None,
                 enabled: bool | None = None, interval: float = 0.5) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total_files, self.total_bytes = total_files, max(total_bytes, 1)
        self.files = self.bytes = self.tagged = self.rows = 0
        self.interval = interval
        self.started = time.monotonic()
        self._last_draw = 0.0

    def files_read(self, files: int, size_bytes: int) -> None:
        """Count files read and their bytes."""
        self.files += files
        self.bytes += size_bytes
        self._draw()

    def batch_loaded(self, articles: int, rows: int) -> None:
        """Count articles tagged and star rows loaded."""
        self.tagged += articles
        self.rows += rows
        self._draw()

    def line(self) -> str:
        """The status line as it would be drawn now."""
        elapsed = max(time.monotonic() - self.started, 1e-6)
        done = self.bytes / self.total_bytes
        eta = elapsed * (1 - done) / done if done > 0 else None
        return (f"files {self.files}/{self.total_files} ({done:.0%}) · "
                f"articles tagged {self.tagged} ({self.tagged / elapsed:.0f}/s) · "
                f"rows loaded {self.rows} · "
                f"ETA {_clock(eta) if eta is not None else '?'}")

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self._last_draw < self.interval):
            return
        self._last_draw = now
        self.stream.write("\r\x1b[2K" + self.line())
        self.stream.flush()

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self.enabled:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()
