"""split_valid: every record either loads or is quarantined with its first problem."""

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from newsetl.transforms.articles.validation import split_valid
from newsetl.transforms.schemas import QUARANTINE_SCHEMA

NO_DATABASE = settings(database=None, deadline=None, max_examples=100)
MAX_CHARS = 10
SCHEMA = {
    "file_path": pl.String(),
    "record_number": pl.Int32(),
    "text": pl.String(),
    "published_raw": pl.String(),
    "date_problem": pl.String(),
    "date_problem_detail": pl.String(),
    "raw_record": pl.String(),
}


def records(*rows: tuple) -> pl.DataFrame:
    """Rows of (text, published_raw, date_problem, date_problem_detail), numbered from 1."""
    return pl.DataFrame(
        [
            ("a.jsonl", number, *row, f'{{"n": {number}}}')
            for number, row in enumerate(rows, start=1)
        ],
        schema=SCHEMA,
        orient="row",
    )


def test_a_clean_record_is_valid_and_keeps_its_columns():
    frame = records(("Short text", "2024-02-17", None, None))
    valid, rejected = split_valid(frame, MAX_CHARS)
    assert_frame_equal(valid, frame)
    assert rejected.height == 0
    assert rejected.schema == pl.Schema(QUARANTINE_SCHEMA)


def test_each_reason_with_its_detail():
    frame = records(
        (None, "2024-02-17", None, None),
        ("x" * (MAX_CHARS + 1), "2024-02-17", None, None),
        ("ok", None, "no_publication_date", "no publication date in the record"),
        ("ok", "2009-02-30", "invalid_date", "2009-02-30 is not a calendar date"),
        ("ok", "2999-01-01", "implausible_date", "2999-01-01 is after the run date 2024-02-17"),
        ("ok", "someday", "invalid_date", None),
        ("x" * MAX_CHARS, "2024-02-17", None, None),  # exactly at the cap: valid
    )
    valid, rejected = split_valid(frame, MAX_CHARS)
    assert valid["record_number"].to_list() == [7]
    expected = pl.DataFrame(
        [
            ("a.jsonl", 1, "no_text", "the record has no article text after cleaning", '{"n": 1}'),
            ("a.jsonl", 2, "text_too_long", "text has 11 characters; the cap is 10", '{"n": 2}'),
            ("a.jsonl", 3, "no_publication_date", "no publication date in the record",
             '{"n": 3}'),
            ("a.jsonl", 4, "invalid_date", "2009-02-30 is not a calendar date", '{"n": 4}'),
            ("a.jsonl", 5, "implausible_date", "2999-01-01 is after the run date 2024-02-17",
             '{"n": 5}'),
            ("a.jsonl", 6, "invalid_date", "publication time read: someday", '{"n": 6}'),
        ],
        schema=QUARANTINE_SCHEMA,
        orient="row",
    )  # fmt: skip
    assert_frame_equal(rejected, expected)


@pytest.mark.parametrize(
    ("text", "date_problem", "reason"),
    [
        (None, "invalid_date", "no_text"),
        ("x" * (MAX_CHARS + 5), "no_publication_date", "text_too_long"),
    ],
)
def test_the_first_problem_in_order_is_the_reason(text, date_problem, reason):
    frame = records((text, None, date_problem, "detail"))
    _, rejected = split_valid(frame, MAX_CHARS)
    assert rejected["reason_code"].to_list() == [reason]


def test_text_cap_counts_characters_not_bytes():
    frame = records(("é" * MAX_CHARS, "2024-02-17", None, None))  # 20 UTF-8 bytes
    valid, rejected = split_valid(frame, MAX_CHARS)
    assert (valid.height, rejected.height) == (1, 0)


def test_raw_payload_is_capped():
    frame = records((None, None, None, None)).with_columns(raw_record=pl.lit("r" * 10_000))
    _, rejected = split_valid(frame, MAX_CHARS)
    assert rejected["raw_payload"].str.len_chars().to_list() == [4096]


# publication_time always gives a detail with a date problem, and none without.
_ROWS = st.builds(
    lambda text, raw, problem: (text, raw, problem, None if problem is None else "why"),
    st.one_of(st.none(), st.text(max_size=15)),
    st.one_of(st.none(), st.just("2024-02-17")),
    st.sampled_from([None, "no_publication_date", "invalid_date", "implausible_date"]),
)


@NO_DATABASE
@given(rows=st.lists(_ROWS, max_size=15))
def test_no_record_is_lost(rows):
    frame = records(*rows)
    valid, rejected = split_valid(frame, MAX_CHARS)
    assert valid.height + rejected.height == frame.height
    numbers = sorted([*valid["record_number"], *rejected["record_number"]])
    assert numbers == list(range(1, frame.height + 1))
    assert rejected["reason_code"].null_count() == 0
    assert rejected["detail"].null_count() == 0
    assert valid["date_problem"].null_count() == valid.height
