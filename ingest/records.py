"""The values the file edge hands on: parsed records, rejected records, and their row form.

Rows have exactly the keys of `RAW_RECORD_SCHEMA` / `QUARANTINE_SCHEMA`
(`newsetl.transforms.schemas`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from newsetl.ingest.errors import FileRejected

RAW_PAYLOAD_MAX_CHARS = 4096
"""Cap on quarantine payloads and on text excerpts kept in a txt/html `raw_record`."""

CANONICAL_FIELDS = ("title", "text", "published_raw", "url", "source", "language")

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def cap_text(text: str, limit: int = RAW_PAYLOAD_MAX_CHARS) -> str:
    """`text` cut to `limit` characters, with a marker saying how much was cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…[+{len(text) - limit} chars]"


def _storable(value: str | None) -> str | None:
    """Replace lone surrogates (only JSON `\\udXXX` escapes make them) so UTF-8 can hold it."""
    if value is None or not _LONE_SURROGATE.search(value):
        return value
    return _LONE_SURROGATE.sub("\ufffd", value)


@dataclass(frozen=True)
class RecordFields:
    """One record a format parser read: canonical fields and the record as JSON text."""

    record_number: int
    fields: Mapping[str, str | None]
    raw_record: str


@dataclass(frozen=True)
class RecordProblem:
    """One record a format parser could not read, with its reason code."""

    record_number: int
    reason_code: str
    detail: str
    raw_payload: str | None


def checked_record(number: int, fields: Mapping[str, str | None], raw_record: Callable[[], str],
                   max_text_chars: int | None) -> RecordFields | RecordProblem:
    """The record, or `text_too_long` when its text as read is over `max_text_chars`.

    Decided as the parser reads it: a rejected record's text is never copied again (no
    `raw_record`, no frame), so one huge record costs little more than its file. The cap
    applies to the text as read here and again after cleaning (`transforms/articles/`).
    """
    text = fields.get("text")
    if max_text_chars is None or text is None or len(text) <= max_text_chars:
        return RecordFields(number, fields, raw_record())
    head = {**fields, "text": cap_text(text)}
    return RecordProblem(
        number,
        "text_too_long",
        f"text has {len(text)} characters as read; the cap is {max_text_chars}",
        cap_text(json.dumps(head, ensure_ascii=False)),
    )


@dataclass(frozen=True)
class ParsedRecord:
    """One record as read from the inbox (a `RAW_RECORD_SCHEMA` row)."""

    file_path: str
    record_number: int
    file_format: str
    encoding: str
    title: str | None
    text: str | None
    published_raw: str | None
    url: str | None
    source: str | None
    language: str | None
    raw_record: str

    def as_row(self) -> dict[str, Any]:
        """The `RAW_RECORD_SCHEMA` row (strings made storable as UTF-8)."""
        return {k: _storable(v) if isinstance(v, str) else v for k, v in asdict(self).items()}


@dataclass(frozen=True)
class RejectedRecord:
    """A record, or a whole file (`record_number` None), that goes to quarantine."""

    file_path: str
    record_number: int | None
    reason_code: str
    detail: str
    raw_payload: str | None = None

    @classmethod
    def for_file(cls, file_path: str, error: FileRejected) -> RejectedRecord:
        """The quarantine row of a whole file that failed with `error`."""
        return cls(file_path, None, error.reason_code, error.detail)

    def as_row(self) -> dict[str, Any]:
        """The `QUARANTINE_SCHEMA` row (strings made storable as UTF-8)."""
        return {k: _storable(v) if isinstance(v, str) else v for k, v in asdict(self).items()}
