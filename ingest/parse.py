"""Bytes of one file → its records and rejects, in the stage contracts' row shapes.

The format comes from the extension (inside a `.gz`): `.txt .text` → text (`seed_txt` or
`txt`), `.json` → `json`/`json_array` (or `jsonl` when it is JSON Lines), `.jsonl .ndjson`
→ `jsonl`, `.csv` → `csv`, `.html .htm .xhtml` → `html`, `.rss .atom` → `feed`. Any other
extension (`.xml` too) is sniffed from the decoded text: first non-blank `{`/`[` → JSON;
`<` with an `<html`, `<head`, `<body` or `<!doctype html` tag near the start → HTML; an
`<rss`, `<feed` or `<rdf:RDF` root near the start → feed; any other `<` (other XML) →
`unsupported_format`; anything else → text. Binary content is `binary_file` before that.
File-level problems raise `FileRejected` before any record is returned. `parse_file` returns
all of a file's records; `stream_file` parses JSON Lines line by line as its records are
taken (so a big file's first part can go to NER before its last line is parsed), the other
formats whole (the file-size cap bounds the memory).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

import polars as pl

from newsetl.ingest.decoding import decode
from newsetl.ingest.errors import FileRejected
from newsetl.ingest.format_csv import parse_csv
from newsetl.ingest.format_feed import FEED_START, parse_feed
from newsetl.ingest.format_html import parse_html
from newsetl.ingest.format_json import stream_json
from newsetl.ingest.format_text import parse_text, text_format
from newsetl.ingest.limits import ReadLimits
from newsetl.ingest.reader import is_gzip_name
from newsetl.ingest.records import ParsedRecord, RecordFields, RecordProblem, RejectedRecord
from newsetl.transforms.schemas import QUARANTINE_SCHEMA, RAW_RECORD_SCHEMA

_KIND_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
}
_DEFAULT_LIMITS = ReadLimits(max_file_bytes=0, max_decompressed_bytes=0)
_VISIBLE = re.compile(r"\S")
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_SNIFF_CHARS = 4096


@dataclass(frozen=True)
class ParsedFile:
    """One file's format, the decoding used, and its records and record-level rejects."""

    file_path: str
    file_format: str
    encoding: str
    records: list[ParsedRecord | RejectedRecord]


def format_kind(relative_path: str, text: str) -> str:
    """`text`, `json`, `jsonl`, `csv`, `html` or `feed` by extension, else by sniffing `text`."""
    name = PurePosixPath(relative_path).name
    if is_gzip_name(name):
        name = name[:-3]
    kind = _KIND_BY_SUFFIX.get(PurePosixPath(name).suffix.lower())
    if kind is not None:
        return kind
    visible = _VISIBLE.search(text)
    start = visible.group() if visible else ""
    if start in ("{", "["):
        return "json"
    if start == "<":
        if _HTML_START.search(text, 0, _SNIFF_CHARS):
            return "html"
        if FEED_START.search(text, 0, _SNIFF_CHARS):
            return "feed"
        raise FileRejected("unsupported_format", "markup that is neither HTML nor a feed")
    return "text"


@dataclass(frozen=True)
class StreamedFile:
    """One file's format and decoding, and its records and record-level rejects as they are
    parsed (read them once)."""

    file_path: str
    file_format: str
    encoding: str
    records: Iterator[ParsedRecord | RejectedRecord]


def _parse(kind: str, text: str,
           limits: ReadLimits) -> tuple[str, Iterable[RecordFields | RecordProblem]]:
    if kind == "text":
        return text_format(text), parse_text(text, limits.max_text_chars)
    if kind in ("json", "jsonl"):
        return stream_json(text, kind == "jsonl", limits.max_text_chars)
    if kind == "csv":
        return "csv", parse_csv(text, limits.max_csv_columns, limits.max_text_chars)
    if kind == "feed":
        return "feed", parse_feed(text, limits.max_text_chars)
    return "html", parse_html(text, limits.max_text_chars)


def parse_file(relative_path: str, data: bytes, compressed: bool = False,
               limits: ReadLimits | None = None) -> ParsedFile:
    """Decode and parse one file's (decompressed) bytes; raise `FileRejected` for the file.

    File-level reason codes: `binary_file`, `undecodable`, `empty_file` (nothing but
    whitespace), `unsupported_format`, `malformed_json`, `malformed_csv`,
    `too_many_columns`, `malformed_html`, `malformed_feed`, `no_records` (e.g. `[]` or a
    header-only CSV).
    `limits` None: the default caps (the settings' defaults; the byte caps are the
    reader's and do not apply here).
    """
    streamed = stream_file(relative_path, data, compressed, limits)
    return ParsedFile(streamed.file_path, streamed.file_format, streamed.encoding,
                      list(streamed.records))


def stream_file(relative_path: str, data: bytes, compressed: bool = False,
                limits: ReadLimits | None = None) -> StreamedFile:
    """`parse_file`, the records parsed as they are taken (JSON Lines: line by line). Any
    `FileRejected` is raised here, before a record is returned."""
    limits = limits or _DEFAULT_LIMITS
    text, encoding = decode(data)
    if not text or text.isspace():
        raise FileRejected("empty_file", "only whitespace after decoding")
    file_format, drafts = _parse(format_kind(relative_path, text), text, limits)
    drafts = iter(drafts)
    first = next(drafts, None)
    if first is None:
        raise FileRejected("no_records", f"{file_format} file holds no records")
    if compressed:
        file_format += "+gz"
    records = (
        ParsedRecord(
            relative_path,
            d.record_number,
            file_format,
            encoding,
            **d.fields,
            raw_record=d.raw_record,
        )
        if isinstance(d, RecordFields)
        else RejectedRecord(relative_path, d.record_number, d.reason_code, d.detail, d.raw_payload)
        for d in itertools.chain([first], drafts)
    )
    return StreamedFile(relative_path, file_format, encoding, records)


def to_frames(
    records: Iterable[ParsedRecord | RejectedRecord],
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(RAW_RECORD_SCHEMA frame, QUARANTINE_SCHEMA frame); empty frames keep their schema."""
    raw_rows, rejected_rows = [], []
    for record in records:
        (raw_rows if isinstance(record, ParsedRecord) else rejected_rows).append(record.as_row())
    return (
        pl.DataFrame(raw_rows, schema=RAW_RECORD_SCHEMA),
        pl.DataFrame(rejected_rows, schema=QUARANTINE_SCHEMA),
    )
