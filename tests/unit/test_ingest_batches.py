"""Batches: unchanged files never read, bounded batches of whole files, rejected files kept."""

import gzip
import hashlib
import json
import os
from pathlib import Path

import polars as pl
import pytest

from newsetl.ingest.batches import (
    REJECT_SCHEMA,
    FileBatch,
    ReadLimits,
    read_in_batches,
    split_unchanged,
)
from newsetl.ingest.discovery import InboxEntry, discover
from newsetl.settings import Settings
from newsetl.transforms.ledger.rows import FILE_SCHEMA
from newsetl.transforms.schemas import RAW_RECORD_SCHEMA

LIMITS = ReadLimits(max_file_bytes=1_000, max_decompressed_bytes=10_000)
STATE_SCHEMA = {"file_path": pl.String(), "size_bytes": pl.Int64(), "mtime_ns": pl.Int64(),
                "content_hash": pl.String()}


def states(*rows: tuple[str, int | None, int | None]) -> pl.DataFrame:
    return pl.DataFrame([(*row, "h") for row in rows], schema=STATE_SCHEMA, orient="row")


def entry(path: str, size: int | None = 10, mtime: int | None = 100) -> InboxEntry:
    return InboxEntry(path, Path("/nowhere") / path, size, mtime)


def test_split_unchanged_by_size_and_mtime():
    entries = [
        entry("same.json"),
        entry("bigger.json", size=11),
        entry("touched.json", mtime=101),
        entry("new.json"),
        entry("no-stat.json", size=None, mtime=None),
        entry("no-state.json"),
    ]
    ledger = states(("same.json", 10, 100), ("bigger.json", 10, 100), ("touched.json", 10, 100),
                    ("no-stat.json", None, None), ("no-state.json", None, None))
    to_read, unchanged = split_unchanged(entries, ledger)
    assert [e.relative_path for e in unchanged] == ["same.json"]
    assert [e.relative_path for e in to_read] == [
        "bigger.json", "touched.json", "new.json", "no-stat.json", "no-state.json"]


def test_split_unchanged_with_an_empty_ledger_reads_everything():
    entries = [entry("a"), entry("b")]
    assert split_unchanged(entries, states()) == (entries, [])


def jsonl(count: int, tag: str) -> str:
    return "".join(
        json.dumps({"title": f"{tag}{n}", "text": f"Body {tag}{n}.", "date": "2024-02-17"}) + "\n"
        for n in range(count)
    )


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


def batches(inbox: Path, quarantine: Path, batch_records: int,
            unchanged: list[InboxEntry] | None = None,
            limits: ReadLimits = LIMITS) -> list[FileBatch]:
    skipped = {e.relative_path for e in unchanged or []}
    to_read = [e for e in discover(inbox) if e.relative_path not in skipped]
    return list(read_in_batches(to_read, unchanged or [], limits=limits,
                                quarantine_dir=quarantine, batch_records=batch_records))


def file_paths(batch: FileBatch) -> list[str]:
    return batch.files["file_path"].to_list()


def test_batches_flush_once_they_hold_batch_records_and_never_split_a_file(inbox, tmp_path):
    for name, count in [("a.jsonl", 2), ("b.jsonl", 2), ("c.jsonl", 1), ("d.jsonl", 3),
                        ("e.jsonl", 1)]:
        (inbox / name).write_text(jsonl(count, name[0]), encoding="utf-8")
    result = batches(inbox, tmp_path / "q", batch_records=3)
    assert [file_paths(b) for b in result] == [
        ["a.jsonl", "b.jsonl"],  # 4 ≥ 3
        ["c.jsonl", "d.jsonl"],  # 4 ≥ 3
        ["e.jsonl"],  # the rest
    ]
    assert [b.records.height for b in result] == [4, 4, 1]
    for batch in result:
        assert batch.records.schema == pl.Schema(RAW_RECORD_SCHEMA)
        assert batch.files.schema == pl.Schema(FILE_SCHEMA)
        assert batch.rejects.schema == pl.Schema(REJECT_SCHEMA)
        assert set(batch.records["file_path"]) == set(file_paths(batch))
    assert result[1].records.filter(pl.col("file_path") == "d.jsonl")["record_number"].to_list() \
        == [1, 2, 3]
    assert not (tmp_path / "q").exists()  # nothing rejected, nothing stored


def test_a_file_bigger_than_the_batch_goes_in_parts_with_its_row_in_the_last(inbox, tmp_path):
    (inbox / "a.jsonl").write_text(jsonl(1, "a"), encoding="utf-8")
    (inbox / "big.jsonl").write_text(jsonl(5, "b"), encoding="utf-8")
    (inbox / "small.jsonl").write_text(jsonl(1, "s"), encoding="utf-8")
    result = batches(inbox, tmp_path / "q", batch_records=2)
    # what came before the big file goes first; its last part carries its row and goes on
    # filling like any batch
    assert [file_paths(b) for b in result] == [["a.jsonl"], [], [], ["big.jsonl", "small.jsonl"]]
    assert [b.continued for b in result] == [None, "big.jsonl", "big.jsonl", None]
    assert [b.records.height for b in result] == [1, 2, 2, 2]
    big = pl.concat(b.records.filter(pl.col("file_path") == "big.jsonl") for b in result)
    assert big["record_number"].to_list() == [1, 2, 3, 4, 5]
    assert [b.read_count for b in result] == [1, 0, 0, 2]


def test_a_big_json_lines_file_goes_out_part_by_part_as_it_is_parsed(inbox, tmp_path,
                                                                        monkeypatch):
    # Its first part must reach NER before the rest is parsed, as with many small files.
    from newsetl.ingest import format_json

    parsed_lines = []
    loads = format_json._loads
    monkeypatch.setattr(format_json, "_loads",
                        lambda line: parsed_lines.append(line) or loads(line))
    (inbox / "big.jsonl").write_text(jsonl(7, "b"), encoding="utf-8")
    to_read = list(discover(inbox))
    parts = read_in_batches(to_read, [], limits=LIMITS, quarantine_dir=tmp_path / "q",
                            batch_records=2)
    first = next(parts)
    assert (first.continued, first.records.height) == ("big.jsonl", 2)
    # the first line twice (the format check), then the part and one line to know more follow
    assert len(parsed_lines) == 1 + 3
    rest = list(parts)
    assert [(b.continued, b.records.height) for b in rest] == [
        ("big.jsonl", 2), ("big.jsonl", 2), (None, 1)]
    assert len(parsed_lines) == 1 + 7
    assert pl.concat([first.records, *(b.records for b in rest)])["record_number"].to_list() \
        == list(range(1, 8))


def test_a_file_of_exactly_a_batch_is_not_split(inbox, tmp_path):
    (inbox / "big.jsonl").write_text(jsonl(2, "b"), encoding="utf-8")
    result = batches(inbox, tmp_path / "q", batch_records=2)
    assert [(file_paths(b), b.continued, b.records.height) for b in result] == [
        (["big.jsonl"], None, 2)]


def test_unchanged_files_ride_in_the_first_batch_unread(inbox, tmp_path):
    (inbox / "a.jsonl").write_text(jsonl(2, "a"), encoding="utf-8")
    (inbox / "b.jsonl").write_text(jsonl(2, "b"), encoding="utf-8")
    (inbox / "old.jsonl").write_text(jsonl(9, "o"), encoding="utf-8")
    old = next(e for e in discover(inbox) if e.relative_path == "old.jsonl")
    result = batches(inbox, tmp_path / "q", batch_records=2, unchanged=[old])
    assert [file_paths(b) for b in result] == [["old.jsonl", "a.jsonl"], ["b.jsonl"]]
    first = result[0].files.row(0, named=True)
    assert first == {
        "file_path": "old.jsonl", "read_status": "unread_unchanged", "reason_code": None,
        "file_format": None, "encoding": None, "size_bytes": old.size_bytes,
        "mtime_ns": old.mtime_ns, "content_hash": None,
    }
    assert "old.jsonl" not in set(result[0].records["file_path"])
    assert result[0].read_count == 1


def test_only_unchanged_files_make_one_batch_and_nothing_makes_none(inbox, tmp_path):
    (inbox / "old.jsonl").write_text(jsonl(1, "o"), encoding="utf-8")
    old = list(discover(inbox))
    only = batches(inbox, tmp_path / "q", batch_records=2, unchanged=old)
    assert [file_paths(b) for b in only] == [["old.jsonl"]]
    assert only[0].records.height == 0
    (inbox / "old.jsonl").unlink()
    assert batches(inbox, tmp_path / "q", batch_records=2) == []


def test_read_files_carry_format_encoding_size_and_hash(inbox, tmp_path):
    data = jsonl(1, "a").encode("utf-8")
    (inbox / "a.jsonl").write_bytes(data)
    [batch] = batches(inbox, tmp_path / "q", batch_records=10)
    row = batch.files.row(0, named=True)
    assert (row["read_status"], row["file_format"], row["encoding"], row["size_bytes"],
            row["content_hash"]) == ("read", "jsonl", "utf-8", len(data),
                                     hashlib.sha256(data).hexdigest())


def test_a_rejected_file_keeps_a_copy_of_its_bytes(inbox, tmp_path):
    binary = bytes(range(256)) * 2
    (inbox / "a.jsonl").write_text(jsonl(1, "a"), encoding="utf-8")
    (inbox / "blob.bin").write_bytes(binary)
    quarantine = tmp_path / "q"
    [batch] = batches(inbox, quarantine, batch_records=10)
    assert batch.files.filter(pl.col("file_path") == "blob.bin").select(
        "read_status", "reason_code").row(0) == ("rejected", "binary_file")
    reject = batch.rejects.row(0, named=True)
    assert (reject["file_path"], reject["record_number"], reject["reason_code"]) == (
        "blob.bin", None, "binary_file")
    stored = Path(reject["stored_copy"])
    assert stored.parent == quarantine
    assert stored.name.endswith("-blob.bin")
    assert stored.read_bytes() == binary
    assert [p.name for p in quarantine.iterdir()] == [stored.name]  # no .partial left


def test_the_same_rejected_bytes_are_stored_once(inbox, tmp_path):
    (inbox / "x").mkdir()
    (inbox / "blob.bin").write_bytes(b"\x00\x01" * 50)
    (inbox / "x" / "blob.bin").write_bytes(b"\x00\x01" * 50)
    [batch] = batches(inbox, tmp_path / "q", batch_records=10)
    copies = batch.rejects["stored_copy"].to_list()
    assert copies[0] == copies[1]
    assert len(list((tmp_path / "q").iterdir())) == 1


def test_a_file_too_large_is_rejected_unread_with_no_copy(inbox, tmp_path):
    (inbox / "huge.txt").write_bytes(b"x" * (LIMITS.max_file_bytes + 1))
    [batch] = batches(inbox, tmp_path / "q", batch_records=10)
    assert batch.rejects.select("reason_code", "stored_copy").rows() == [
        ("file_too_large", None)]
    assert batch.files.select("read_status", "size_bytes", "content_hash").rows() == [
        ("rejected", LIMITS.max_file_bytes + 1, None)]
    assert not (tmp_path / "q").exists()


def test_record_rejects_stay_with_their_file_and_have_no_copy(inbox, tmp_path):
    (inbox / "a.jsonl").write_text(jsonl(1, "a") + "{broken\n" + jsonl(1, "b"), encoding="utf-8")
    [batch] = batches(inbox, tmp_path / "q", batch_records=10)
    assert batch.records["record_number"].to_list() == [1, 3]
    assert batch.rejects.select("file_path", "record_number", "reason_code", "stored_copy") \
        .rows() == [("a.jsonl", 2, "malformed_json_line", None)]
    assert not (tmp_path / "q").exists()


def test_a_rejected_gzip_file_is_stored_as_it_arrived(inbox, tmp_path):
    on_disk = gzip.compress(b"{not json")
    (inbox / "feed.json.gz").write_bytes(on_disk)
    [batch] = batches(inbox, tmp_path / "q", batch_records=10)
    assert batch.rejects["reason_code"].to_list() == ["malformed_json"]
    assert Path(batch.rejects["stored_copy"][0]).read_bytes() == on_disk


def test_a_corrupt_gzip_file_keeps_a_copy(inbox, tmp_path):
    on_disk = b"\x1f\x8b\x08\x00corrupt"
    (inbox / "feed.json.gz").write_bytes(on_disk)
    [batch] = batches(inbox, tmp_path / "q", batch_records=10)
    assert batch.rejects["reason_code"].to_list() == ["corrupt_gzip"]
    stored = batch.rejects["stored_copy"][0]
    assert stored is not None
    assert Path(stored).read_bytes() == on_disk


def test_a_csv_of_100000_columns_is_quarantined_as_too_many_columns(inbox, tmp_path):
    # Issue 16: this 0.9 MB file once stalled a run for minutes (a quadratic header check).
    names = ",".join(f"c{n}" for n in range(100_000))
    (inbox / "wide.csv").write_text(f"title,text,date,{names}\nT,Body,2024-01-01"
                                    + ",x" * 100_000 + "\n", encoding="utf-8")
    limits = ReadLimits(max_file_bytes=10**7, max_decompressed_bytes=10**7)
    [batch] = batches(inbox, tmp_path / "q", batch_records=10, limits=limits)
    assert batch.files.select("read_status", "reason_code").rows() == [
        ("rejected", "too_many_columns")]
    assert batch.rejects.select("record_number", "reason_code").rows() == [
        (None, "too_many_columns")]
    assert batch.rejects["detail"][0] == "header has 100003 columns; the cap is 1000"
    assert batch.records.is_empty()


def test_read_limits_come_from_the_settings(monkeypatch):
    monkeypatch.setenv("NEWSETL_MAX_CSV_COLUMNS", "7")
    limits = ReadLimits.from_settings(Settings(_env_file=None))
    assert limits.max_csv_columns == 7
    assert ReadLimits.from_settings(Settings(_env_file=None, max_csv_columns=1000)) == \
        ReadLimits(limits.max_file_bytes, limits.max_decompressed_bytes)


@pytest.mark.parametrize(("name", "content"), [
    ("a.jsonl", '{"title": "T", "text": "%s", "date": "2024-01-01"}\n'
                '{"title": "U", "text": "short", "date": "2024-01-01"}\n'),
    ("a.json", '[{"title": "T", "text": "%s", "date": "2024-01-01"},'
               ' {"title": "U", "text": "short", "date": "2024-01-01"}]'),
    ("a.csv", "title,text,date\nT,%s,2024-01-01\nU,short,2024-01-01\n"),
])
def test_a_record_over_the_text_cap_is_quarantined_as_it_is_read(
        inbox, tmp_path, monkeypatch, name, content):
    # Issue 16: one 222 MB record cost 2.3 GB before the cap was checked, on frames.
    monkeypatch.setenv("NEWSETL_MAX_TEXT_CHARS", "50")
    (inbox / name).write_text(content % ("x" * 51), encoding="utf-8")
    limits = ReadLimits.from_settings(Settings(_env_file=None))
    [batch] = batches(inbox, tmp_path / "q", batch_records=10, limits=limits)
    assert batch.records.select("record_number", "text").rows() == [(2, "short")]
    assert batch.rejects.select("record_number", "reason_code", "detail").rows() == [
        (1, "text_too_long", "text has 51 characters as read; the cap is 50")]
    assert json.loads(batch.rejects["raw_payload"][0])["title"] == "T"


def test_a_text_file_over_the_text_cap_is_quarantined_as_it_is_read(inbox, tmp_path):
    (inbox / "a.txt").write_text("date 2024-01-01 " + "y" * 51, encoding="utf-8")
    (inbox / "b.txt").write_text("date 2024-01-01 " + "y" * 50, encoding="utf-8")
    limits = ReadLimits(10**4, 10**4, max_text_chars=50)
    [batch] = batches(inbox, tmp_path / "q", batch_records=10, limits=limits)
    assert batch.records["file_path"].to_list() == ["b.txt"]
    assert batch.rejects.select("file_path", "record_number", "reason_code").rows() == [
        ("a.txt", 1, "text_too_long")]


def test_a_hardlinked_file_is_quarantined_unread_unless_the_settings_allow_it(
        inbox, tmp_path, monkeypatch):
    outside = tmp_path / "outside.jsonl"
    outside.write_text(jsonl(1, "secret"), encoding="utf-8")
    os.link(outside, inbox / "a.jsonl")
    [batch] = batches(inbox, tmp_path / "q", batch_records=10)
    assert batch.files.select("read_status", "reason_code", "content_hash").rows() == [
        ("rejected", "hardlinked_file", None)]
    assert batch.rejects.select("reason_code", "stored_copy").rows() == [
        ("hardlinked_file", None)]
    assert batch.records.is_empty()
    monkeypatch.setenv("NEWSETL_ALLOW_HARDLINKS", "true")
    allowed = ReadLimits.from_settings(Settings(_env_file=None))
    [batch] = batches(inbox, tmp_path / "q", batch_records=10, limits=allowed)
    assert batch.records["title"].to_list() == ["secret0"]
