"""A hostile inbox, generated: every bad input an attack on newsetl tried, each file with the
one outcome it must end in (`loaded`, or the reason code of docs/warehouse.md it is
quarantined with), and the records inside files that load with their own reason codes."""

from __future__ import annotations

import gzip
import json
import os
import socket
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import WIKINEWS_SLICE

MiB = 1024 * 1024
# Caps the corpus run sets, small so that the bombs cost seconds, not minutes.
LIMITS = {"NEWSETL_MAX_FILE_BYTES": str(48 * MiB),
          "NEWSETL_MAX_DECOMPRESSED_BYTES": str(16 * MiB),
          "NEWSETL_MAX_CSV_COLUMNS": "1000", "NEWSETL_MAX_TEXT_CHARS": "500000"}


@dataclass
class HostileInbox:
    """file (relative path as the ledger shows it) → its outcome; (file, record) → reason."""

    files: dict[str, str] = field(default_factory=dict)
    records: dict[tuple[str, int], str] = field(default_factory=dict)
    keep_open: list[socket.socket] = field(default_factory=list)


def _article(number: int, **extra: str) -> dict[str, str]:
    line = WIKINEWS_SLICE.read_text(encoding="utf-8").splitlines()[number]
    record = json.loads(line)
    return {"title": record["title"], "text": record["text"], "date": record["date"],
            "url": record["url"], **extra}


def _gzip_bomb(path: Path, inflated: int) -> None:
    """`inflated` bytes of zeros, compressed at level 9 in a stream (never held whole)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(MiB)
    with path.open("wb") as out:
        for _ in range(inflated // MiB):
            out.write(compressor.compress(block))
        out.write(compressor.flush())


def build_hostile_inbox(inbox: Path, outside: Path) -> HostileInbox:
    """Write the corpus into `inbox` (and the targets of escapes into `outside`)."""
    inbox.mkdir(parents=True)
    outside.mkdir(parents=True)
    expect = HostileInbox()
    cases: list[tuple[str, str, Callable[[Path], object]]] = []

    def case(name: str, outcome: str) -> Callable[[Callable[[Path], object]], None]:
        def register(make: Callable[[Path], object]) -> None:
            cases.append((name, outcome, make))
        return register

    good = _article(0)
    case("good.json", "loaded")(lambda p: p.write_text(json.dumps(good)))
    # Nesting bombs.
    case("nested_array.json", "malformed_json")(
        lambda p: p.write_text("[" * 200_000 + "]" * 200_000))
    case("nested_object.json", "malformed_json")(
        lambda p: p.write_text('{"a":' * 100_000 + "1" + "}" * 100_000))
    case("nested_line.jsonl", "loaded")(lambda p: p.write_text(
        json.dumps(_article(1)) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n"))
    expect.records[("nested_line.jsonl", 2)] = "malformed_json_line"
    case("nested.html", "malformed_html")(
        lambda p: p.write_text("<html><body>" + "<div>" * 100_000 + "text"
                               + "</div>" * 100_000 + "</body></html>"))
    # Gzip bombs: zeros inflating far past the cap; a bomb inside a bomb; a truncated one.
    case("bomb.jsonl.gz", "decompressed_too_large")(lambda p: _gzip_bomb(p, 128 * MiB))
    case("bomb.txt.gz", "decompressed_too_large")(lambda p: _gzip_bomb(p, 64 * MiB))
    # The outer layer inflates to gzip bytes, which no reader takes for text.
    case("double.json.gz.gz", "binary_file")(
        lambda p: p.write_bytes(gzip.compress(gzip.compress(bytes(64 * MiB)))))
    case("truncated.json.gz", "corrupt_gzip")(
        lambda p: p.write_bytes(gzip.compress(json.dumps(good).encode())[:40]))
    # Wide and ragged CSV.
    case("wide.csv", "too_many_columns")(lambda p: p.write_text(
        "title,text,date," + ",".join(f"c{i}" for i in range(100_000)) + "\n"
        + "t,some text,2005-01-01" + ",x" * 100_000 + "\n"))
    case("ragged.csv", "loaded")(lambda p: p.write_text(
        "title,text,date\n"
        f'"{good["title"]}","{good["text"].replace(chr(34), "")}",{good["date"]}\n'
        "short row\n"
        "a,b,2005-01-01,extra,extra,extra\n"))
    expect.records[("ragged.csv", 2)] = "malformed_record"
    expect.records[("ragged.csv", 3)] = "malformed_record"
    case("unterminated.csv", "malformed_csv")(
        lambda p: p.write_text('title,text,date\n"never closed,x,2005-01-01\n'))
    # Huge records: one text far over the text cap (under the file cap), one wide line.
    case("huge_record.json", "loaded")(lambda p: p.write_text(json.dumps(
        [_article(2), {"title": "huge", "date": "2005-01-01", "text": "word " * 8_000_000}])))
    expect.records[("huge_record.json", 2)] = "text_too_long"
    case("huge_file.txt", "file_too_large")(
        lambda p: p.write_bytes(b"date 2005-01-01 " + b"a" * (50 * MiB)))
    # Odd names: a newline, a bidi override, not UTF-8, very long, a leading dash.
    case("evil\nname.json", "loaded")(lambda p: p.write_text(json.dumps(_article(5))))
    case("invoice\u202egnp.json", "loaded")(lambda p: p.write_text(json.dumps(_article(6))))
    case("-rf.json", "loaded")(lambda p: p.write_text(json.dumps(_article(7, date="2005-05-05"))))
    case("n" * 250 + ".json", "loaded")(lambda p: p.write_text(
        json.dumps(_article(4, url="https://example.org/long-name"))))
    not_utf8 = os.fsdecode(b"latin\xe9.txt")
    case(not_utf8, "loaded")(lambda p: p.write_bytes(
        "date 2005-06-01 Talks on trade resumed in Geneva on Monday.".encode("latin-1")))
    # Not regular files, and escapes.
    case("pipe.json", "not_regular_file")(lambda p: os.mkfifo(p))

    def make_socket(path: Path) -> None:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        expect.keep_open.append(server)
    case("socket.json", "not_regular_file")(make_socket)
    secret = outside / "secret.json"
    secret.write_text(json.dumps({"title": "secret", "text": "must never load " * 20,
                                  "date": "2005-01-01"}))
    case("passwd.txt", "symlink_outside_inbox")(lambda p: p.symlink_to("/etc/passwd"))
    case("secret_link.json", "symlink_outside_inbox")(lambda p: p.symlink_to(secret))
    case("outside_dir", "symlink_outside_inbox")(lambda p: p.symlink_to(outside))
    case("dangling_out.json", "symlink_outside_inbox")(
        lambda p: p.symlink_to(outside / "gone.json"))
    case("dangling.json", "unreadable")(lambda p: p.symlink_to(p.parent / "gone.json"))
    case("loop.json", "unreadable")(lambda p: p.symlink_to(p))
    case("hardlink.json", "hardlinked_file")(lambda p: os.link(secret, p))
    # Encodings and bytes.
    case("utf16_odd.json", "undecodable")(
        lambda p: p.write_bytes(b"\xff\xfe" + json.dumps(good).encode("utf-16-le") + b"x"))
    case("bad_utf8_bom.json", "undecodable")(
        lambda p: p.write_bytes(b"\xef\xbb\xbf{\"title\": \"\xff\xfe\xfd\"}"))
    case("cp1252.txt", "loaded")(lambda p: p.write_bytes(
        "date 2005-06-02 \u201cQuoted\u201d talks \u2013 in S\u00e3o Paulo.".encode("cp1252")))
    case("binary.json", "binary_file")(lambda p: p.write_bytes(bytes(range(256)) * 64))
    case("empty.json", "empty_file")(lambda p: p.write_bytes(b""))
    case("spaces.json", "empty_file")(lambda p: p.write_text(" \n\t\n"))
    case("feed.xml", "no_records")(  # a feed (issue 18) with no item
        lambda p: p.write_text("<?xml version='1.0'?><rss><channel></channel></rss>"))
    case("notes.xml", "unsupported_format")(
        lambda p: p.write_text("<?xml version='1.0'?><notes><note>hello</note></notes>"))
    case("number.json", "malformed_json")(lambda p: p.write_text("42"))
    case("empty_array.json", "no_records")(lambda p: p.write_text("[]"))
    case("control.json", "loaded")(lambda p: p.write_text(json.dumps(_article(
        3, text="Zero\u200bwidth, bidi\u202e and NUL\x00 and ESC\x1b[31m in a text about "
        "talks in Madrid on trade and ports."))))

    for name, outcome, make in cases:
        make(inbox / name)
        shown = os.fsencode(name).decode("utf-8", "backslashreplace")
        expect.files[shown] = outcome
    return expect


def grow(path: Path, stop: Callable[[], bool], most: int = 50) -> int:
    """Append a JSON Lines record to `path` every 20 ms until `stop()` (at most `most`, then
    a last one cut mid-line); returns the lines written."""
    article = _article(0)
    written = 0
    with path.open("a", encoding="utf-8") as out:
        while not stop() and written < most:
            out.write(json.dumps(article | {"url": f"https://example.org/grow/{written}"})
                      + "\n")
            out.flush()
            written += 1
            time.sleep(0.02)
        out.write('{"title": "cut mid-line", "te')
    return written
