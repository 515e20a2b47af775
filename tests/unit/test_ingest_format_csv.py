"""CSV: header, quoted fields with newlines and quotes, short rows rejected per record."""

import json

import pytest

from newsetl.ingest.errors import FileRejected
from newsetl.ingest.format_csv import parse_csv
from newsetl.ingest.records import RecordFields, RecordProblem


def test_embedded_newlines_quotes_and_a_short_row():
    text = (
        "title,text,date,url\r\n"
        '"Quoted, title","Line one\nline ""two""",2024-01-01,https://x/1\r\n'
        "short row,only two\r\n"
        "\r\n"
        'Third,"body, with comma",2024-01-03,https://x/3\r\n'
    )
    records = parse_csv(text)
    assert [type(r) for r in records] == [RecordFields, RecordProblem, RecordFields]
    first, short, third = records
    assert first.fields["title"] == "Quoted, title"
    assert first.fields["text"] == 'Line one\nline "two"'
    assert first.fields["published_raw"] == "2024-01-01"
    assert json.loads(first.raw_record) == {
        "title": "Quoted, title",
        "text": 'Line one\nline "two"',
        "date": "2024-01-01",
        "url": "https://x/1",
    }
    assert (short.record_number, short.reason_code) == (2, "malformed_record")
    assert json.loads(short.raw_payload) == ["short row", "only two"]
    assert third.record_number == 3  # the empty row is not counted
    assert third.fields["text"] == "body, with comma"


def test_semicolon_delimiter_from_header():
    (record,) = parse_csv("Headline;Body;Published\nH;B, with comma;2024-05-05\n")
    assert record.fields["title"] == "H"
    assert record.fields["text"] == "B, with comma"


def test_long_field_beyond_csv_default_limit():
    body = "word " * 60_000
    (record,) = parse_csv(f'title,text\nT,"{body}"\n')
    assert record.fields["text"] == body


@pytest.mark.parametrize(
    "text",
    [
        'title,text\nT,"unterminated quote\n',
        'title,text\n"a"b,c\n',
        "\n\ntitle,text\n",
        "title,title\nA,B\n",
    ],
)
def test_malformed_csv(text):
    with pytest.raises(FileRejected) as info:
        parse_csv(text)
    assert info.value.reason_code == "malformed_csv"


def test_header_only_has_no_records():
    assert parse_csv("title,text\n") == []


def test_empty_header_cell_is_named():
    (record,) = parse_csv(",title\n1,T\n")
    assert json.loads(record.raw_record) == {"column_1": "1", "title": "T"}


def test_a_header_over_the_column_cap_is_rejected_before_any_row():
    header = ",".join(f"c{n}" for n in range(6))
    assert len(parse_csv(f"{header}\n" + ",".join("x" * 6) + "\n", max_columns=6)) == 1
    with pytest.raises(FileRejected) as info:
        parse_csv(f"{header},c6\n'unterminated\n", max_columns=6)
    assert (info.value.reason_code, info.value.detail) == (
        "too_many_columns", "header has 7 columns; the cap is 6")


def test_duplicate_names_are_listed_once_each_sorted():
    with pytest.raises(FileRejected) as info:
        parse_csv("b,a,b,a,b,c\n1,2,3,4,5,6\n")
    assert info.value.detail == "duplicate column names: ['a', 'b']"
