"""The progress line: drawn with rate and estimate on a terminal, silent elsewhere."""

import io

from newsetl.flows.progress import RunProgress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_silent_when_output_is_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = RunProgress(10, 1000, stream=stream, interval=0)
    progress.files_read(5, 500)
    progress.batch_loaded(5, 120)
    progress.close()
    assert stream.getvalue() == ""


def test_progress_on_a_terminal_shows_counts_rate_and_estimate() -> None:
    stream = _Terminal()
    progress = RunProgress(10, 1000, stream=stream, interval=0)
    progress.files_read(5, 500)
    progress.batch_loaded(40, 1200)
    progress.close()
    last = stream.getvalue().split("\r\x1b[2K")[-1]
    assert last.startswith("files 5/10 (50%) · articles tagged 40 (")
    assert "rows loaded 1200" in last
    assert "ETA 0:00:0" in last
    assert last.endswith("\n")


def test_estimate_is_unknown_before_anything_was_read() -> None:
    assert RunProgress(3, 300, stream=io.StringIO()).line().endswith("ETA ?")
