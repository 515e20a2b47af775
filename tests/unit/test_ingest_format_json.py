"""JSON: object, array, JSON Lines; bad lines are record rejects, bad files file rejects."""

import json
from itertools import islice

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsetl.ingest.errors import FileRejected
from newsetl.ingest.format_json import _first_line, _split_lines, parse_json
from newsetl.ingest.records import RecordFields, RecordProblem
from tests.conftest import WIKINEWS_SLICE as WIKINEWS


@pytest.fixture
def wikinews_lines(tmp_path):
    with WIKINEWS.open(encoding="utf-8") as f:
        lines = list(islice(f, 4))
    copy = tmp_path / "wikinews.jsonl"
    copy.write_text("".join(lines), encoding="utf-8")
    return copy.read_text(encoding="utf-8")


def test_wikinews_lines(wikinews_lines):
    file_format, records = parse_json(wikinews_lines, lines=True)
    assert file_format == "jsonl"
    assert [r.record_number for r in records] == [1, 2, 3, 4]
    first = records[0]
    assert isinstance(first, RecordFields)
    source = json.loads(wikinews_lines.split("\n")[0])
    assert first.fields["title"] == source["title"]
    assert first.fields["text"] == source["text"]
    assert first.fields["published_raw"] == source["date"]
    assert first.fields["url"] == source["url"]
    assert first.fields["source"] == "Wikinews (en)"
    assert json.loads(first.raw_record) == source


def test_jsonl_with_a_bad_line_in_the_middle():
    text = '{"title": "a"}\n{"title": "b", BROKEN\n\n{"title": "c"}\n[1, 2]\n'
    file_format, records = parse_json(text, lines=True)
    assert file_format == "jsonl"
    kinds = [(r.record_number, type(r).__name__) for r in records]
    assert kinds == [
        (1, "RecordFields"),
        (2, "RecordProblem"),
        (4, "RecordFields"),
        (5, "RecordProblem"),
    ]
    bad = records[1]
    assert isinstance(bad, RecordProblem)
    assert bad.reason_code == "malformed_json_line"
    assert bad.raw_payload == '{"title": "b", BROKEN'
    assert "line 2" in bad.detail
    assert records[3].reason_code == "malformed_record"
    assert records[2].fields["title"] == "c"


def test_jsonl_splits_on_newline_only():
    text = '{"text": "a\u2028b"}\r\n{"text": "c"}'
    _, records = parse_json(text, lines=True)
    assert [r.fields["text"] for r in records] == ["a\u2028b", "c"]


def test_single_object_and_array():
    assert parse_json('{"headline": "h"}', lines=False)[0] == "json"
    file_format, records = parse_json('[{"title": "a"}, "oops", {"title": "b"}]', lines=False)
    assert file_format == "json_array"
    assert [r.record_number for r in records] == [1, 2, 3]
    assert records[1].reason_code == "malformed_record"
    assert records[1].raw_payload == '"oops"'
    assert records[2].fields["title"] == "b"


def test_json_file_that_is_really_json_lines():
    file_format, records = parse_json('{"title": "a"}\n{"title": "b"}\n', lines=False)
    assert file_format == "jsonl"
    assert [r.fields["title"] for r in records] == ["a", "b"]


def test_jsonl_file_that_is_really_a_pretty_document():
    text = json.dumps([{"title": "a"}, {"title": "b"}], indent=2)
    file_format, records = parse_json(text, lines=True)
    assert file_format == "json_array"
    assert len(records) == 2


@pytest.mark.parametrize(
    "text",
    [
        '{"title": "a", "text": "trunc',
        '[\n  {"title": "a"},\n  {"title": "b"\n',
        '"just a string"',
        "[[[[" * 100_000,
    ],
)
def test_malformed_whole_file(text):
    with pytest.raises(FileRejected) as info:
        parse_json(text, lines=False)
    assert info.value.reason_code == "malformed_json"


def test_nan_loads_as_null_and_raw_record_is_valid_json():
    _, (record,) = parse_json('{"title": "t", "score": NaN}', lines=False)
    assert json.loads(record.raw_record) == {"title": "t", "score": None}


def test_lone_surrogate_escape_survives_in_raw_record():
    _, (record,) = parse_json('{"title": "bad \\ud800 char"}', lines=False)
    assert "\\ud800" in record.raw_record
    record.raw_record.encode("utf-8")


@given(st.text(alphabet=st.sampled_from("a{ \t\n\r\x1c\u2028\u00a0\u3000")))
def test_lines_are_split_lazily_as_str_split_would(text):
    lines = text.split("\n")
    assert list(_split_lines(text)) == lines
    assert _first_line(text) == next((line for line in lines if line.strip()), None)
