"""Rendering query results for a terminal or a file: table, csv, json, markdown."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Literal

OutputFormat = Literal["table", "csv", "json", "markdown"]
FORMATS: tuple[OutputFormat, ...] = ("table", "csv", "json", "markdown")

# Text in the warehouse may hold ANSI escapes, NULs or bidi controls: never send them raw
# to a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_MAX_CELL = 60


def render(columns: Sequence[str], rows: Sequence[Sequence[object]], fmt: OutputFormat) -> str:
    """`rows` as text in `fmt` (no trailing newline)."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_plain(value) for value in row] for row in rows])
        return buffer.getvalue().rstrip("\n")
    if fmt == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        return json.dumps(records, default=_json_value, ensure_ascii=False, indent=1)
    if fmt == "markdown":
        return _markdown(columns, rows)
    if fmt == "table":
        return _table(columns, rows)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def safe_text(value: object, width: int | None = _MAX_CELL) -> str:
    """A value as one line of printable text, control characters escaped, cut to `width`."""
    text = "NULL" if value is None else _plain(value)
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    text = _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    return _plain(value)


def _table(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[safe_text(value) for value in row] for row in rows]
    header = [safe_text(column) for column in columns]
    widths = [max([len(header[i]), *(len(row[i]) for row in cells)]) for i in range(len(header))]
    numeric = [bool(rows) and all(_is_number(row[i]) for row in rows) for i in range(len(header))]

    def line(values: list[str]) -> str:
        padded = (value.rjust(width) if right else value.ljust(width)
                  for value, width, right in zip(values, widths, numeric, strict=True))
        return " │ ".join(padded).rstrip()

    rule = "─┼─".join("─" * width for width in widths)
    return "\n".join([line(header), rule, *(line(row) for row in cells)])


def _markdown(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    def line(values: Sequence[object]) -> str:
        return "| " + " | ".join(safe_text(v, None).replace("|", "\\|") for v in values) + " |"

    return "\n".join([line(columns), "|" + "---|" * len(columns), *(line(r) for r in rows)])


def _is_number(value: object) -> bool:
    return value is None or (isinstance(value, int | float | Decimal)
                             and not isinstance(value, bool))
