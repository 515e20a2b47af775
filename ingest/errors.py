"""The error the file edge raises when a whole file cannot be loaded.

Record-level problems are not exceptions: parsers yield them as values
(`records.RecordProblem`) so the file's other records still load.
"""

from __future__ import annotations


class FileRejected(Exception):  # noqa: N818 - the name the pipeline contract uses
    """A whole file cannot be loaded: a reason code from docs/design.md and a human detail."""

    def __init__(self, reason_code: str, detail: str = "") -> None:
        super().__init__(f"{reason_code}: {detail}" if detail else reason_code)
        self.reason_code = reason_code
        self.detail = detail
        # Set when the file was read before it failed: the bytes on disk, kept in quarantine.
        self.on_disk: bytes | None = None
        self.content_hash: str | None = None

    def with_bytes(self, on_disk: bytes, content_hash: str) -> FileRejected:
        """This rejection, carrying the file's bytes as read from disk."""
        self.on_disk, self.content_hash = on_disk, content_hash
        return self
