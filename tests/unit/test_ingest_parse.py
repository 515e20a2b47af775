"""parse_file and to_frames: format choice, encodings, contract schemas, a small inbox."""

import codecs
import gzip
import json
import os
import shutil
import signal

import polars as pl
import pytest

from newsetl.ingest.discovery import discover
from newsetl.ingest.errors import FileRejected
from newsetl.ingest.parse import ParsedFile, format_kind, parse_file, to_frames
from newsetl.ingest.reader import read_bytes
from newsetl.ingest.records import ParsedRecord, RejectedRecord
from newsetl.transforms.schemas import QUARANTINE_SCHEMA, RAW_RECORD_SCHEMA
from tests.conftest import SEED_FILE as SEED

HTML = (
    '<html lang="en"><head><meta property="article:published_time" content="2024-01-01">'
    "<title>T</title></head><body><article><p>"
    + "A sentence about the city council. " * 12
    + "</p></article></body></html>"
)


@pytest.mark.parametrize(
    ("path", "text", "kind"),
    [
        ("a.TXT", "x", "text"),
        ("a.text", "{", "text"),
        ("d/a.json", "x", "json"),
        ("a.ndjson", "x", "jsonl"),
        ("a.jsonl.gz", "x", "jsonl"),
        ("a.csv", "<html>", "csv"),
        ("a.htm", "x", "html"),
        ("a.xhtml.gz", "x", "html"),
        ("noext", '  {"a": 1}', "json"),
        ("a.dat", "[1]", "json"),
        ("a.md", "<!DOCTYPE html><p>x", "html"),
        ("a.gz", "plain words", "text"),
    ],
)
def test_format_kind(path, text, kind):
    assert format_kind(path, text) == kind


def test_unknown_markup_is_unsupported():
    with pytest.raises(FileRejected, match="unsupported_format"):
        format_kind("data.xml", '<?xml version="1.0"?><catalog><book/></catalog>')


def test_seed_file_row(tmp_path):
    shutil.copyfile(SEED, tmp_path / SEED.name)
    parsed = parse_file(SEED.name, (tmp_path / SEED.name).read_bytes())
    (record,) = parsed.records
    row = record.as_row()
    assert list(row) == list(RAW_RECORD_SCHEMA)
    assert row["file_format"] == "seed_txt"
    assert row["encoding"] == "utf-8"
    assert row["published_raw"] == "2024-02-17"
    assert row["record_number"] == 1


def test_gz_suffix_and_utf8_bom_json():
    data = codecs.BOM_UTF8 + json.dumps([{"title": "Ação"}, {"title": "b"}]).encode()
    parsed = parse_file("x.json.gz", data, compressed=True)
    assert (parsed.file_format, parsed.encoding) == ("json_array+gz", "utf-8-sig")
    assert [r.file_format for r in parsed.records] == ["json_array+gz"] * 2
    assert parsed.records[0].title == "Ação"


def test_utf16_text_and_cp1252_csv():
    parsed = parse_file("a.txt", "date 2024-02-01 Zürich news".encode("utf-16"))
    assert parsed.encoding == "utf-16-le"
    assert parsed.records[0].text == "Zürich news"
    parsed = parse_file("a.csv", "title,text\n“Quoted”,costs €5\n".encode("cp1252"))
    assert parsed.encoding == "cp1252"
    assert (parsed.records[0].title, parsed.records[0].text) == ("“Quoted”", "costs €5")


def test_record_rejects_carry_file_path_and_number():
    parsed = parse_file("in/x.jsonl", b'{"text": "a"}\nnot json\n')
    good, bad = parsed.records
    assert isinstance(good, ParsedRecord)
    assert isinstance(bad, RejectedRecord)
    assert bad.as_row() == {
        "file_path": "in/x.jsonl",
        "record_number": 2,
        "reason_code": "malformed_json_line",
        "detail": bad.detail,
        "raw_payload": "not json",
    }


@pytest.mark.parametrize(
    ("path", "data", "reason"),
    [
        ("a.txt", b" \n\t ", "empty_file"),
        ("a.txt", codecs.BOM_UTF8, "empty_file"),
        ("a.json", b"[]", "no_records"),
        ("a.csv", b"title,text\n", "no_records"),
        ("a.json", b'{"title": "trunc', "malformed_json"),
        ("a.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary_file"),
        ("a.xml", b"<?xml version='1.0'?><catalog><book/></catalog>", "unsupported_format"),
        ("a.rss", b"<rss version='2.0'><channel><title>t</title></channel></rss>",
         "no_records"),
        ("a.atom", b"<feed xmlns='http://www.w3.org/2005/Atom'>&undefined; <<", "malformed_feed"),
        ("a.csv", b'title\n"open', "malformed_csv"),
    ],
)
def test_file_level_rejects(path, data, reason):
    with pytest.raises(FileRejected) as info:
        parse_file(path, data)
    assert info.value.reason_code == reason


def test_to_frames_schemas_including_empty():
    raw, quarantine = to_frames([])
    assert raw.schema == pl.Schema(RAW_RECORD_SCHEMA)
    assert quarantine.schema == pl.Schema(QUARANTINE_SCHEMA)
    assert raw.is_empty()
    assert quarantine.is_empty()
    parsed = parse_file("x.jsonl", b'{"title": "bad \\ud800"}\n{oops\n')
    file_reject = RejectedRecord.for_file("y.txt", FileRejected("empty_file", "0 bytes"))
    raw, quarantine = to_frames([*parsed.records, file_reject])
    assert raw.schema == pl.Schema(RAW_RECORD_SCHEMA)
    assert quarantine.schema == pl.Schema(QUARANTINE_SCHEMA)
    assert raw["title"].to_list() == ["bad \ufffd"]  # lone surrogate made storable
    assert quarantine["record_number"].to_list() == [2, None]


def _timeout(signum, frame):
    raise TimeoutError("ingest hung")


def test_small_inbox_end_to_end(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "news").mkdir(parents=True)
    (inbox / "news" / "a.txt").write_text("date 2024-02-17 Body text.")
    (inbox / "news" / "b.jsonl.gz").write_bytes(
        gzip.compress(b'{"maintext": "x", "date_publish": "2024-01-01"}\n{bad\n')
    )
    (inbox / "page.html").write_text(HTML)
    (inbox / "rows.csv").write_bytes(
        'headline,articleBody\r\n"S\xe3o Paulo","t"\r\n'.encode("latin-1")
    )
    (inbox / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 3_000_000))
    (inbox / "broken.json").write_text('[{"title": ')
    (inbox / "passwd").symlink_to("/etc/passwd")
    os.mkfifo(inbox / "pipe.json")
    (inbox / ".hidden.json").write_text("{}")

    results: list[ParsedRecord | RejectedRecord] = []
    formats = {}
    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(10)
    try:
        for entry in discover(inbox):
            try:
                blob = read_bytes(entry, max_file_bytes=1_000_000, max_decompressed_bytes=2**21)
                parsed = parse_file(entry.relative_path, blob.data, blob.compressed)
            except FileRejected as exc:
                results.append(RejectedRecord.for_file(entry.relative_path, exc))
                continue
            assert isinstance(parsed, ParsedFile)
            formats[entry.relative_path] = (parsed.file_format, parsed.encoding)
            results.extend(parsed.records)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)

    raw, quarantine = to_frames(results)
    assert formats == {
        "news/a.txt": ("seed_txt", "utf-8"),
        "news/b.jsonl.gz": ("jsonl+gz", "utf-8"),
        "page.html": ("html", "utf-8"),
        "rows.csv": ("csv", "cp1252"),
    }
    assert raw.select("file_path", "record_number", "published_raw").rows() == [
        ("news/a.txt", 1, "2024-02-17"),
        ("news/b.jsonl.gz", 1, "2024-01-01"),
        ("page.html", 1, "2024-01-01"),
        ("rows.csv", 1, None),
    ]
    assert raw.filter(pl.col("file_path") == "rows.csv")["title"].item() == "São Paulo"
    assert quarantine.select("file_path", "record_number", "reason_code").rows() == [
        ("bomb.txt.gz", None, "decompressed_too_large"),
        ("broken.json", None, "malformed_json"),
        ("news/b.jsonl.gz", 2, "malformed_json_line"),
        ("passwd", None, "symlink_outside_inbox"),
        ("pipe.json", None, "not_regular_file"),
    ]
