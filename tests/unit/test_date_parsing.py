"""parse_timestamp: one raw publication time → a UTC instant or a problem."""

from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsetl.transforms.dates.parsing import ParsedTimestamp, parse_timestamp

# Hypothesis keeps caches (constants, unicode tables) on disk while collecting; keep them out
# of the working tree (set before collection, hence at import).
NO_DATABASE = settings(database=None, deadline=None, max_examples=200)  # nothing written to cwd


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "value", "precision"),
    [
        ("2009-03-05", utc(2009, 3, 5), "day"),
        ("2009-03-05T14:30:00Z", utc(2009, 3, 5, 14, 30), "time"),
        ("2009-03-05T14:30:00+01:00", utc(2009, 3, 5, 13, 30), "time"),
        ("2009-03-05T14:30:00-0500", utc(2009, 3, 5, 19, 30), "time"),
        ("2009-03-05 14:30:00", utc(2009, 3, 5, 14, 30), "time"),
        ("2009-03-05T14:30", utc(2009, 3, 5, 14, 30), "time"),
        ("2009-03-05T14:30:00.123456Z", utc(2009, 3, 5, 14, 30, 0, 123456), "time"),
        ("2009-03-05T14:30:00.5", utc(2009, 3, 5, 14, 30, 0, 500000), "time"),
        ("Thu, 05 Mar 2009 14:30:00 +0000", utc(2009, 3, 5, 14, 30), "time"),
        ("Thu, 05 Mar 2009 14:30:00 GMT", utc(2009, 3, 5, 14, 30), "time"),
        ("Thu, 05 Mar 2009 14:30:00 EST", utc(2009, 3, 5, 19, 30), "time"),
        ("Thu, 05 Mar 2009 14:30:00 +0000 (UTC)", utc(2009, 3, 5, 14, 30), "time"),
        ("March 5, 2009", utc(2009, 3, 5), "day"),
        ("5 March 2009", utc(2009, 3, 5), "day"),
        ("Mar 5 2009", utc(2009, 3, 5), "day"),
        ("Sept. 6, 1995", utc(1995, 9, 6), "day"),
        ("5th March 2009", utc(2009, 3, 5), "day"),
        ("the 5th of March, 2009", utc(2009, 3, 5), "day"),
        ("Thursday, March 5, 2009", utc(2009, 3, 5), "day"),
        ("March 5, 2009 at 2:30 pm", utc(2009, 3, 5, 14, 30), "time"),
        ("1236263400", utc(2009, 3, 5, 14, 30), "time"),
        ("1236263400000", utc(2009, 3, 5, 14, 30), "time"),
        ("1236263400.25", utc(2009, 3, 5, 14, 30, 0, 250000), "time"),
        ("20090305", utc(2009, 3, 5), "day"),
        ("20090305T143000Z", utc(2009, 3, 5, 14, 30), "time"),
        ("2009/03/05", utc(2009, 3, 5), "day"),
        ("13/03/2024", utc(2024, 3, 13), "day"),
        ("03/13/2024", utc(2024, 3, 13), "day"),
        ("03/03/2024", utc(2024, 3, 3), "day"),
        ("'''December 25, 2004'''", utc(2004, 12, 25), "day"),
        ("<b>December 25, 2004</b>", utc(2004, 12, 25), "day"),
        ("  Published: 2009-03-05  ", utc(2009, 3, 5), "day"),
        ("5 mars 2009", utc(2009, 3, 5), "day"),  # dateparser, the last resort
        ("5 March 2009 14:30 CET", utc(2009, 3, 5, 13, 30), "time"),
    ],
)
def test_accepted_formats(raw, value, precision):
    assert parse_timestamp(raw) == ParsedTimestamp(value, precision)


@pytest.mark.parametrize(
    ("raw", "detail_part"),
    [
        ("2009-02-30", "2009-02-30 is not a calendar date"),
        ("2009-13-45", "is not a calendar date"),
        ("30 February 2009", "not a calendar date"),
        ("2009-03-05T25:00:00Z", "not a time of day"),
        ("Monday, March 5, 2009", "weekday"),
        ("yesterday", "not a recognised absolute date"),
        ("2 days ago", "not a recognised absolute date"),
        ("today 2009", "not a recognised absolute date"),
        ("March 2009", "not a recognised absolute date"),  # no day: never filled in
        ("2009", "neither a date nor an epoch"),
        ("123456789012", "neither a date nor an epoch"),
        ("not a date", "not a recognised absolute date"),
        ("", "no date"),
        ("'''  '''", "no date"),
    ],
)
def test_invalid_dates_are_flagged_never_rolled_over(raw, detail_part):
    parsed = parse_timestamp(raw)
    assert (parsed.value, parsed.precision, parsed.problem) == (None, None, "invalid_date")
    assert detail_part in parsed.detail


def test_numeric_day_month_ambiguity_needs_a_declared_order():
    assert parse_timestamp("02/03/2024").problem == "ambiguous_date"
    assert parse_timestamp("02/03/2024", date_order="DMY").value == utc(2024, 3, 2)
    assert parse_timestamp("02/03/2024", date_order="MDY").value == utc(2024, 2, 3)
    # an order that cannot apply does not invent a date
    assert parse_timestamp("13/03/2024", date_order="MDY").value == utc(2024, 3, 13)
    assert parse_timestamp("05/03/09", date_order="DMY").problem == "ambiguous_date"


def test_unknown_date_order_is_a_caller_error():
    with pytest.raises(ValueError, match="date_order"):
        parse_timestamp("2009-03-05", date_order="YMD")


def test_naive_times_are_read_in_the_naive_timezone_and_dates_are_not_shifted():
    new_york = "America/New_York"
    assert parse_timestamp("2009-03-05 14:30:00", new_york).value == utc(2009, 3, 5, 19, 30)
    assert parse_timestamp("March 5, 2009 2:30 pm", new_york).value == utc(2009, 3, 5, 19, 30)
    assert parse_timestamp("2009-03-05T14:30:00Z", new_york).value == utc(2009, 3, 5, 14, 30)
    assert parse_timestamp("2009-03-05", "Asia/Tokyo").value == utc(2009, 3, 5)


def test_daylight_saving_gaps_are_invalid_and_repeated_hours_take_the_earlier_instant():
    new_york = "America/New_York"
    skipped = parse_timestamp("2009-03-08 02:30:00", new_york)
    assert skipped.problem == "invalid_date"
    assert "does not exist" in skipped.detail
    assert parse_timestamp("2009-11-01 01:30:00", new_york).value == utc(2009, 11, 1, 5, 30)


def test_unknown_timezone_name_is_a_configuration_error():
    with pytest.raises(KeyError):
        parse_timestamp("2009-03-05 14:30:00", "Mars/Olympus_Mons")


moments = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)
).map(lambda moment: moment.replace(microsecond=0))
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)


@NO_DATABASE
@given(moments, offsets)
def test_iso_and_rfc2822_round_trip(moment, offset):
    local = moment.astimezone(offset)
    assert parse_timestamp(local.isoformat()).value == moment
    assert parse_timestamp(format_datetime(local)).value == moment


@NO_DATABASE
@given(moments)
def test_long_forms_round_trip(moment):
    day = moment.replace(hour=0, minute=0, second=0)
    for written in (
        day.strftime("%B %-d, %Y"),
        day.strftime("%-d %B %Y"),
        day.strftime("%A, %B %-d, %Y"),
        day.strftime("%Y%m%d"),
    ):
        assert parse_timestamp(written) == ParsedTimestamp(day, "day"), written


@NO_DATABASE
@given(moments.filter(lambda moment: moment >= datetime(2001, 9, 9, 2, tzinfo=UTC)))
def test_epochs_in_seconds_and_in_13_digit_milliseconds(moment):
    seconds = int(moment.timestamp())
    assert parse_timestamp(str(seconds)) == ParsedTimestamp(moment, "time")
    assert parse_timestamp(str(seconds * 1000)) == ParsedTimestamp(moment, "time")


@NO_DATABASE
@given(st.text(max_size=40))
def test_any_text_gives_a_result_and_the_same_result_twice(raw):
    first = parse_timestamp(raw)
    assert first == parse_timestamp(raw)  # no clock, no hidden state
    assert (first.value is None) == (first.problem is not None) == (first.precision is None)
    if first.value is not None:
        assert first.value.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "raw", ["yesterday", "today", "tomorrow", "last Friday", "3 hours ago", "next week", "now"]
)
def test_relative_words_are_never_a_publication_date(raw):
    assert parse_timestamp(raw).problem == "invalid_date"
