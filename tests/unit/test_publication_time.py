"""with_publication_time: parsed publication times and date problems on article rows."""

from datetime import UTC, date, datetime

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from newsetl.transforms.dates import publication_time
from newsetl.transforms.dates.parsing import parse_timestamp
from newsetl.transforms.dates.publication_time import PUBLICATION_COLUMNS, with_publication_time

# Hypothesis keeps caches (constants, unicode tables) on disk while collecting; keep them out
# of the working tree (set before collection, hence at import).
NO_DATABASE = settings(database=None, deadline=None, max_examples=100)


RULES = {"run_date": date(2024, 2, 17), "min_date": date(1990, 1, 1), "naive_timezone": "UTC"}


def articles(*raws: str | None) -> pl.DataFrame:
    return pl.DataFrame(
        {"record_number": list(range(1, len(raws) + 1)), "published_raw": list(raws)},
        schema={"record_number": pl.Int32(), "published_raw": pl.String()},
    )


def expected(raws: list[str | None], rows: list[tuple]) -> pl.DataFrame:
    added = pl.DataFrame(rows, schema=PUBLICATION_COLUMNS, orient="row")
    return pl.concat([articles(*raws), added], how="horizontal")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_each_outcome_one_row_each_in_order():
    raws = [
        "2024-02-17T23:59:59Z",
        "2009-03-05",
        "March 5, 2009",
        None,
        "   ",
        "2009-02-30",
        "02/03/2024",
        "2024-02-18",
        "1989-12-31",
        "yesterday",
    ]
    rows = [
        (utc(2024, 2, 17, 23, 59, 59), date(2024, 2, 17), None, None),
        (utc(2009, 3, 5), date(2009, 3, 5), None, None),
        (utc(2009, 3, 5), date(2009, 3, 5), None, None),
        (None, None, "no_publication_date", "no publication date in the record"),
        (None, None, "no_publication_date", "no publication date in the record"),
        (None, None, "invalid_date", "2009-02-30 is not a calendar date"),
        (None, None, "ambiguous_date",
         "'02/03/2024' reads as day/month or month/day and no date order is declared"),
        (utc(2024, 2, 18), date(2024, 2, 18), "implausible_date",
         "2024-02-18 is after the run date 2024-02-17"),
        (utc(1989, 12, 31), date(1989, 12, 31), "implausible_date",
         "1989-12-31 is before the earliest 1990-01-01"),
        (None, None, "invalid_date", "not a recognised absolute date"),
    ]  # fmt: skip
    assert_frame_equal(with_publication_time(articles(*raws), **RULES), expected(raws, rows))


def test_after_the_run_date_is_judged_in_utc():
    raws = ["2024-02-17T22:00:00-05:00", "2024-02-17T23:00:00+02:00"]  # 03:00Z on the 18th
    result = with_publication_time(articles(*raws), **RULES)
    assert result.get_column("date_problem").to_list() == ["implausible_date", None]
    assert result.get_column("published_date").to_list() == [date(2024, 2, 18), date(2024, 2, 17)]


def test_naive_timezone_and_date_order_are_passed_on():
    raws = ["2009-03-05 14:30:00", "Thu, 05 Mar 2009 14:30:00", "02/03/2009"]
    result = with_publication_time(
        articles(*raws), **{**RULES, "naive_timezone": "Europe/Paris"}, date_order="DMY"
    )
    assert result.get_column("published_at").to_list() == [
        utc(2009, 3, 5, 13, 30),
        utc(2009, 3, 5, 13, 30),
        utc(2009, 3, 2),
    ]


def test_a_skipped_wall_time_in_the_fast_path_is_invalid_not_null():
    result = with_publication_time(
        articles("2009-03-08 02:30:00"), **{**RULES, "naive_timezone": "America/New_York"}
    )
    assert result.get_column("date_problem").to_list() == ["invalid_date"]


def test_configuration_errors_fail_loudly_even_without_rows():
    with pytest.raises(ValueError, match="date_order"):
        with_publication_time(articles(), **RULES, date_order="YMD")
    with pytest.raises(ValueError, match="after run_date"):
        with_publication_time(articles(), **{**RULES, "min_date": date(2025, 1, 1)})
    with pytest.raises(KeyError):
        with_publication_time(articles(), **{**RULES, "naive_timezone": "Mars/Olympus_Mons"})


def test_empty_input_gives_empty_output_with_the_columns():
    result = with_publication_time(articles(), **RULES)
    assert result.height == 0
    assert {name: result.schema[name] for name in PUBLICATION_COLUMNS} == PUBLICATION_COLUMNS


def test_other_columns_are_kept_unchanged():
    frame = articles("2009-03-05").with_columns(pl.lit("x").alias("title"))
    result = with_publication_time(frame, **RULES)
    assert result.columns == [*frame.columns, *PUBLICATION_COLUMNS]
    assert_frame_equal(result.select(frame.columns), frame)


def test_iso_values_skip_python_and_other_values_are_parsed_once(monkeypatch):
    calls: list[str] = []

    def counting(raw: str, naive_timezone: str = "UTC", **kwargs: object) -> object:
        calls.append(raw)
        return parse_timestamp(raw, naive_timezone, **kwargs)

    monkeypatch.setattr(publication_time, "parse_timestamp", counting)
    raws = ["2009-03-05", "2009-03-05T10:00:00Z", "March 5, 2009", "March 5, 2009", "2009-02-30"]
    with_publication_time(articles(*raws * 3), **RULES)
    assert sorted(calls) == ["2009-02-30", "March 5, 2009"]


iso_moments = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2024, 2, 17))
iso_texts = st.one_of(
    iso_moments.map(lambda moment: moment.date().isoformat()),
    iso_moments.map(lambda moment: moment.isoformat(timespec="seconds")),
    iso_moments.map(lambda moment: moment.isoformat(sep=" ", timespec="microseconds")),
    iso_moments.map(lambda moment: moment.isoformat(timespec="minutes") + "Z"),
    iso_moments.map(lambda moment: moment.isoformat(timespec="seconds") + "+05:30"),
)
raw_values = st.one_of(
    st.none(),
    iso_texts,
    st.sampled_from(["", " ", "2009-02-30", "02/03/2024", "March 5, 2009", "yesterday"]),
    st.text(max_size=12),
)


@NO_DATABASE
@given(st.lists(raw_values, max_size=30), st.sampled_from(["UTC", "America/New_York"]))
def test_rows_kept_in_order_and_problem_exactly_when_no_usable_time(raws, zone):
    frame = articles(*raws)
    result = with_publication_time(frame, **{**RULES, "naive_timezone": zone})
    assert result.height == frame.height
    assert_frame_equal(result.select(frame.columns), frame)
    for row in result.iter_rows(named=True):
        usable = row["published_at"] is not None and row["date_problem"] is None
        assert usable or row["date_problem"] is not None
        assert (row["date_problem"] is None) == (row["date_problem_detail"] is None)


@NO_DATABASE
@given(st.lists(iso_texts, min_size=1, max_size=20), st.sampled_from(["UTC", "Asia/Kolkata"]))
def test_polars_fast_path_agrees_with_the_python_parser(raws, zone):
    result = with_publication_time(articles(*raws), **{**RULES, "naive_timezone": zone})
    python = [parse_timestamp(raw, zone).value for raw in raws]
    assert result.get_column("published_at").to_list() == python


@pytest.mark.parametrize("raw", ["2009-03-05", "Thu, 05 Mar 2009 14:30:00 EST", "yesterday"])
def test_same_input_same_output(raw):
    first = with_publication_time(articles(raw), **RULES)
    assert_frame_equal(first, with_publication_time(articles(raw), **RULES))
