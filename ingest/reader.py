"""Read one inbox file safely: size cap before reading, no FIFOs, no hardlinks, gzip streamed
with a cap."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import stat
import zlib
from dataclasses import dataclass

from newsetl.ingest.discovery import InboxEntry
from newsetl.ingest.errors import FileRejected

_CHUNK = 1024 * 1024
_OPEN_FLAGS = (
    os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_NOCTTY", 0) | os.O_CLOEXEC
)


@dataclass(frozen=True)
class FileBytes:
    """A file's content: `data` decompressed if it was gzip, hash of the bytes on disk.

    `size_bytes` and `mtime_ns` come from `fstat` of the file actually read, so a ledger
    can record what was read even if the file changed after discovery.
    """

    data: bytes
    on_disk: bytes  # the same object as `data` unless the file was gzip
    content_hash: str
    compressed: bool
    size_bytes: int
    mtime_ns: int


def is_gzip_name(relative_path: str) -> bool:
    """Whether the file is gzip by name (`.gz`, any case); content is never sniffed for it."""
    return relative_path.lower().endswith(".gz")


def _read_capped(fd: int, max_file_bytes: int) -> bytes:
    """All bytes of `fd`; `file_too_large` if it grew past the cap while being read."""
    chunks: list[bytes] = []
    total = 0
    while chunk := os.read(fd, _CHUNK):
        total += len(chunk)
        if total > max_file_bytes:
            raise FileRejected("file_too_large", f"grew past {max_file_bytes} bytes while read")
        chunks.append(chunk)
    return b"".join(chunks)


def gunzip_capped(raw: bytes, max_decompressed_bytes: int) -> bytes:
    """Decompress gzip (all members) in a stream, never holding more than the cap."""
    chunks: list[bytes] = []
    total = 0
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw), mode="rb") as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > max_decompressed_bytes:
                    raise FileRejected(
                        "decompressed_too_large",
                        f"more than {max_decompressed_bytes} bytes after decompression",
                    )
                chunks.append(chunk)
    except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError
        raise FileRejected("corrupt_gzip", f"{type(exc).__name__}: {exc}") from exc
    return b"".join(chunks)


def read_bytes(entry: InboxEntry, max_file_bytes: int, max_decompressed_bytes: int,
               allow_hardlinks: bool = False) -> FileBytes:
    """Read `entry` (never one with a `problem`: that is raised as `FileRejected` unopened).

    Opens `entry.absolute_path` with `O_NOFOLLOW | O_NONBLOCK` (discovery already resolved
    in-inbox symlinks), checks `S_ISREG`, the link count and the size cap on the descriptor
    before reading. A regular file with more than one link may be a hardlink to a file
    outside the inbox (which `O_NOFOLLOW` and the symlink checks cannot see): unless
    `allow_hardlinks`, it is `hardlinked_file`, never read. Raises `FileRejected` with
    `unreadable`, `not_regular_file`, `hardlinked_file`, `file_too_large`, `corrupt_gzip`,
    `decompressed_too_large` or `empty_file`.
    """
    if entry.problem is not None:
        raise FileRejected(entry.problem, entry.detail or "")
    try:
        fd = os.open(entry.absolute_path, _OPEN_FLAGS)
    except OSError as exc:
        raise FileRejected("unreadable", f"open: {exc.strerror}") from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileRejected("not_regular_file", f"file type {stat.filemode(st.st_mode)[0]!r}")
        if st.st_nlink > 1 and not allow_hardlinks:
            raise FileRejected("hardlinked_file", f"{st.st_nlink} links to this file: one "
                               "may be outside the inbox (NEWSETL_ALLOW_HARDLINKS allows it)")
        if st.st_size > max_file_bytes:
            raise FileRejected("file_too_large", f"{st.st_size} bytes > {max_file_bytes}")
        raw = _read_capped(fd, max_file_bytes)
    except OSError as exc:
        raise FileRejected("unreadable", f"read: {exc.strerror}") from exc
    finally:
        os.close(fd)
    if not raw:
        raise FileRejected("empty_file", "0 bytes")
    content_hash = hashlib.sha256(raw).hexdigest()
    compressed = is_gzip_name(entry.relative_path)
    try:
        data = gunzip_capped(raw, max_decompressed_bytes) if compressed else raw
        if not data:
            raise FileRejected("empty_file", "0 bytes after decompression")
    except FileRejected as rejected:
        raise rejected.with_bytes(raw, content_hash) from None
    return FileBytes(
        data=data,
        on_disk=raw,
        content_hash=content_hash,
        compressed=compressed,
        size_bytes=len(raw),
        mtime_ns=st.st_mtime_ns,
    )
