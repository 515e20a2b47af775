"""JSON articles: one object, an array of objects, or JSON Lines (one object per line).

- A document that parses whole: an object is one record (`json`), an array gives one
  record per element (`json_array`; a non-object element → `malformed_record`); any other
  top-level value, or a document that does not parse → `FileRejected("malformed_json")`.
- JSON Lines (`jsonl`): lines split on `\\n` only (JSON strings may hold U+2028); blank
  lines are skipped; `record_number` is the 1-based line number; a line that does not parse
  → `malformed_json_line`, a line that is not an object → `malformed_record`; the other
  lines still load.
- A `.json` file that does not parse whole but whose first non-blank line is an object is
  read as JSON Lines; a `.jsonl` file whose first line is not an object but which parses
  whole is read as a document.
- `NaN`/`Infinity` (not JSON, but Python writes them) load as null; raw control characters
  inside strings are tolerated (cleaning happens downstream).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from newsetl.ingest.errors import FileRejected
from newsetl.ingest.fields import map_record
from newsetl.ingest.records import RecordFields, RecordProblem, cap_text, checked_record

_DECODER = json.JSONDecoder(parse_constant=lambda _name: None, strict=False)
_NOT_PARSED = object()
_VISIBLE = re.compile(r"\S")


def _loads(text: str) -> Any:
    return _DECODER.decode(text)


def _try_loads(text: str) -> Any:
    try:
        return _loads(text)
    except (ValueError, RecursionError):
        return _NOT_PARSED


def dumps_record(obj: Any) -> str:
    """A record as JSON text, non-ASCII kept; escaped instead when it holds lone surrogates."""
    text = json.dumps(obj, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(obj, ensure_ascii=True)
    return text


def _split_lines(text: str) -> Iterator[str]:
    """`text.split("\\n")`, one line at a time (a file's lines are never all copied at once)."""
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:]


def _first_line(text: str) -> str | None:
    visible = _VISIBLE.search(text)
    if visible is None:
        return None
    end = text.find("\n", visible.start())
    return text[text.rfind("\n", 0, visible.start()) + 1 : end if end >= 0 else len(text)]


def _record(number: int, value: Any, where: str,
            max_text_chars: int | None) -> RecordFields | RecordProblem:
    if isinstance(value, dict):
        return checked_record(number, map_record(value), lambda: dumps_record(value),
                              max_text_chars)
    kind = type(value).__name__ if value is not None else "null"
    return RecordProblem(
        number,
        "malformed_record",
        f"{where} is a JSON {kind}, not an object",
        cap_text(dumps_record(value)),
    )


def _lines(text: str, max_text_chars: int | None) -> Iterator[RecordFields | RecordProblem]:
    for number, line in enumerate(_split_lines(text), start=1):
        if not line or line.isspace():
            continue
        try:
            value = _loads(line)
        except (ValueError, RecursionError) as exc:
            where = (
                f"column {exc.colno}: {exc.msg}"
                if isinstance(exc, json.JSONDecodeError)
                else type(exc).__name__
            )
            yield RecordProblem(
                number,
                "malformed_json_line",
                f"line {number} {where}",
                cap_text(line.removesuffix("\r")),
            )
            continue
        yield _record(number, value, f"line {number}", max_text_chars)


def _document(doc: Any,
              max_text_chars: int | None) -> tuple[str, list[RecordFields | RecordProblem]]:
    if isinstance(doc, dict):
        return "json", [_record(1, doc, "document", max_text_chars)]
    if isinstance(doc, list):
        return "json_array", [
            _record(i, v, f"array element {i}", max_text_chars)
            for i, v in enumerate(doc, start=1)
        ]
    raise FileRejected("malformed_json", f"top-level JSON is a {type(doc).__name__}, not records")


def _is_object_line(line: str | None) -> bool:
    return line is not None and isinstance(_try_loads(line), dict)


def parse_json(text: str, lines: bool,
               max_text_chars: int | None = None) -> tuple[str, list[RecordFields | RecordProblem]]:
    """(file format, records) of JSON text; `lines` says the name promised JSON Lines.

    A record whose text is over `max_text_chars` (None: no cap) is `text_too_long`."""
    file_format, records = stream_json(text, lines, max_text_chars)
    return file_format, list(records)


def stream_json(text: str, lines: bool, max_text_chars: int | None = None,
                ) -> tuple[str, Iterable[RecordFields | RecordProblem]]:
    """`parse_json`, but JSON Lines records are parsed one line at a time as they are
    iterated (a big file's first records are ready before its last line is read); a
    document is parsed whole. Raises `FileRejected` before returning, never while the
    records are iterated."""
    if lines:
        if not _is_object_line(_first_line(text)) and (doc := _try_loads(text)) is not _NOT_PARSED:
            return _document(doc, max_text_chars)
        return "jsonl", _lines(text, max_text_chars)
    try:
        doc = _loads(text)
    except (ValueError, RecursionError) as exc:
        if _is_object_line(_first_line(text)):
            return "jsonl", _lines(text, max_text_chars)
        where = (
            f"line {exc.lineno} column {exc.colno}: {exc.msg}"
            if isinstance(exc, json.JSONDecodeError)
            else type(exc).__name__
        )
        raise FileRejected("malformed_json", where) from exc
    return _document(doc, max_text_chars)
