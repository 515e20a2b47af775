"""From inbox entries to bounded batches of records, files and rejects.

Files whose size and mtime match the ledger are `unchanged` and never opened. The rest are
read and parsed one at a time; records accumulate until a batch holds `batch_records`, so
memory stays bounded whatever the inbox and file sizes. A file is split only when it alone
holds more than `batch_records` records: its records then go in parts of `batch_records`
(a JSON Lines file's parsed as they go out, `ingest.parse.stream_file`),
and its file row comes with its last part, so the ledger marks the file read only once
all its records are loaded (a run stopped mid-file reads it whole again; the records
already loaded are then `unchanged`).
A file rejected whole keeps a copy of its bytes, when they could be read, in the
quarantine folder: nothing that arrived is lost.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import polars as pl

from newsetl.ingest.discovery import InboxEntry
from newsetl.ingest.errors import FileRejected
from newsetl.ingest.limits import ReadLimits
from newsetl.ingest.parse import StreamedFile, stream_file, to_frames
from newsetl.ingest.reader import FileBytes, read_bytes
from newsetl.ingest.records import ParsedRecord, RejectedRecord
from newsetl.transforms.ledger.rows import FILE_SCHEMA
from newsetl.transforms.schemas import QUARANTINE_SCHEMA

REJECT_SCHEMA = {**QUARANTINE_SCHEMA, "stored_copy": pl.String()}


@dataclass
class FileBatch:
    """Files of one batch (`FILE_SCHEMA`), their records and their rejects."""

    files: pl.DataFrame
    records: pl.DataFrame
    rejects: pl.DataFrame
    # A file whose records go on in the next batch (its row is not in `files` yet).
    continued: str | None = None

    @property
    def read_count(self) -> int:
        """Files of the batch that were opened (not skipped as unchanged)."""
        return self.files.filter(pl.col("read_status") != "unread_unchanged").height

    @property
    def read_bytes(self) -> int:
        """Bytes on disk of the files that were opened."""
        opened = self.files.filter(pl.col("read_status") != "unread_unchanged")
        return int(opened.get_column("size_bytes").fill_null(0).sum())


def split_unchanged(entries: Iterable[InboxEntry],
                    file_states: pl.DataFrame) -> tuple[list[InboxEntry], list[InboxEntry]]:
    """(entries to read, entries whose size and mtime match their ledger state)."""
    known = {
        path: (size, mtime)
        for path, size, mtime in file_states.select(
            "file_path", "size_bytes", "mtime_ns"
        ).iter_rows()
    }
    to_read: list[InboxEntry] = []
    unchanged: list[InboxEntry] = []
    for entry in entries:
        state = known.get(entry.relative_path)
        same = state is not None and entry.mtime_ns is not None and state == (
            entry.size_bytes, entry.mtime_ns)
        (unchanged if same else to_read).append(entry)
    return to_read, unchanged


def _store_copy(quarantine_dir: Path, relative_path: str, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()[:16]
    target = quarantine_dir / f"{digest}-{PurePosixPath(relative_path).name}"
    if not target.exists():
        quarantine_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(target.suffix + ".partial")
        partial.write_bytes(data)
        partial.replace(target)
    return str(target)


def _file_row(entry: InboxEntry, status: str, read: FileBytes | None = None,
              parsed: StreamedFile | None = None, reason: str | None = None) -> dict[str, object]:
    return {
        "file_path": entry.relative_path,
        "read_status": status,
        "reason_code": reason,
        "file_format": parsed.file_format if parsed else None,
        "encoding": parsed.encoding if parsed else None,
        "size_bytes": read.size_bytes if read else entry.size_bytes,
        "mtime_ns": read.mtime_ns if read else entry.mtime_ns,
        "content_hash": read.content_hash if read else None,
    }


class _Accumulator:
    def __init__(self) -> None:
        self.files: list[dict[str, object]] = []
        self.records: list[ParsedRecord | RejectedRecord] = []
        self.whole_file_rejects: list[dict[str, object]] = []
        self.record_count = 0

    def take(self, continued: str | None = None) -> FileBatch:
        records, rejects = to_frames(self.records)
        whole = pl.DataFrame(self.whole_file_rejects, schema=REJECT_SCHEMA)
        batch = FileBatch(
            files=pl.DataFrame(self.files, schema=FILE_SCHEMA),
            records=records,
            rejects=pl.concat([rejects.with_columns(pl.lit(None, pl.String).alias("stored_copy")),
                               whole]),
            continued=continued,
        )
        self.__init__()  # type: ignore[misc]
        return batch


def read_in_batches(to_read: Iterable[InboxEntry], unchanged: Iterable[InboxEntry], *,
                    limits: ReadLimits, quarantine_dir: Path | None,
                    batch_records: int) -> Iterator[FileBatch]:
    """Batches of at least one file or file part each; the unchanged files ride in the
    first batch. A file of more than `batch_records` records starts a batch of its own and
    goes in parts: every batch but its last has `continued` set to its path.

    A rejected file's bytes are kept in `quarantine_dir`; with None nothing is written."""
    pending = _Accumulator()
    pending.files.extend(_file_row(entry, "unread_unchanged") for entry in unchanged)
    for entry in to_read:
        read: FileBytes | None = None
        try:
            read = read_bytes(entry, limits.max_file_bytes, limits.max_decompressed_bytes,
                              limits.allow_hardlinks)
            parsed = stream_file(entry.relative_path, read.data, read.compressed, limits)
        except FileRejected as rejected:
            on_disk = read.on_disk if read else rejected.on_disk
            stored = (_store_copy(quarantine_dir, entry.relative_path, on_disk)
                      if on_disk and quarantine_dir is not None else None)
            row = _file_row(entry, "rejected", read, reason=rejected.reason_code)
            row["content_hash"] = row["content_hash"] or rejected.content_hash
            pending.files.append(row)
            pending.whole_file_rejects.append({
                **RejectedRecord.for_file(entry.relative_path, rejected).as_row(),
                "stored_copy": stored,
            })
        else:
            file_row = _file_row(entry, "read", read, parsed)
            # Only `records` keeps the file from here (a JSON Lines file: its decoded text,
            # parsed line by line as parts are taken; each part's records are freed once
            # it is out). A big file's parts thus go out as they are parsed: the first
            # one is tagged while the next is parsed, as with many small files.
            records, read = parsed.records, None
            del parsed
            head = list(itertools.islice(records, batch_records + 1))
            if len(head) > batch_records:
                if pending.record_count:
                    yield pending.take()
                while len(head) > batch_records:
                    pending.records.extend(head[:batch_records])
                    rest = head[batch_records:]
                    del head
                    yield pending.take(continued=entry.relative_path)
                    head = rest + list(itertools.islice(records, batch_records))
            pending.files.append(file_row)
            pending.records.extend(head)
            pending.record_count += len(head)
        if pending.record_count >= batch_records:
            yield pending.take()
    if pending.files:
        yield pending.take()
