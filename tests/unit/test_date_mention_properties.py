"""Properties of resolve_date_mentions over any publication date and any surfaces."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from newsetl.transforms.dates.calendar import period_end, period_start
from newsetl.transforms.dates.mentions import (
    DATE_CANDIDATE_SCHEMA,
    classify_date_candidates,
    resolve_date_mentions,
)
from tests.unit.date_frames import articles, candidates

NO_DATABASE = settings(database=None, deadline=None, max_examples=150)

PAST_WORDS = [
    "yesterday", "today", "last week", "this week", "last month", "this month", "last year",
    "this year", "last Tuesday", "Tuesday", "Sunday", "last weekend", "the weekend",
    "3 days ago", "two weeks ago", "a month ago", "five years ago", "last quarter",
    "earlier this week", "earlier this month", "last November", "March last year",
]  # fmt: skip
FUTURE_WORDS = ["tomorrow", "next week", "next month", "next year", "next Tuesday",
                "next weekend", "next quarter", "next July"]  # fmt: skip
published_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


@NO_DATABASE
@given(published_dates, st.lists(st.sampled_from(PAST_WORDS), min_size=1, max_size=8))
def test_past_referring_mentions_are_never_after_publication(published, surfaces):
    result = resolve_date_mentions(candidates(*surfaces), articles(published))
    assert result.height == len(surfaces)
    assert all(day <= published for day in result.get_column("resolved_date"))


@NO_DATABASE
@given(published_dates, st.lists(st.sampled_from(FUTURE_WORDS), min_size=1, max_size=8))
def test_future_referring_mentions_are_after_publication(published, surfaces):
    result = resolve_date_mentions(candidates(*surfaces), articles(published))
    for day, resolution in result.select("resolved_date", "resolution").iter_rows():
        # the period lies after publication ("next weekend" on a Monday is in this week)
        assert period_end(day, resolution) > published
        assert resolution == "week" or day > published


# Words the text's own dates place: a year-less date after an explicit one, counted periods.
NARRATIVE_WORDS = ["in 1831", "30 May 1832", "July 14", "October", "the following day",
                   "two years later", "that week", "the previous Tuesday", "9/11"]  # fmt: skip
ANY_SURFACE = st.one_of(
    st.sampled_from(PAST_WORDS + FUTURE_WORDS + NARRATIVE_WORDS + [
        "three years", "75-year-old", "recently", "02/03/2024", "March 2009", "7th October"]),
    st.text(max_size=25),
)  # fmt: skip


@NO_DATABASE
@given(st.lists(ANY_SURFACE, max_size=12), st.one_of(st.none(), published_dates))
def test_rows_out_are_the_date_kind_rows_in_order_each_a_period_start(surfaces, published):
    frame = candidates(*surfaces)
    result = resolve_date_mentions(frame, articles(published))
    kinds = classify_date_candidates(frame).get_column("candidate_kind")
    assert_frame_equal(result.select(list(DATE_CANDIDATE_SCHEMA)), frame.filter(kinds == "date"))
    assert_frame_equal(result, resolve_date_mentions(frame, articles(published)))  # no clock
    for row in result.iter_rows(named=True):
        assert (row["resolved_date"] is None) == (row["unresolved_reason"] is not None)
        assert (row["resolved_date"] is None) == (row["resolution"] is None)
        assert (row["resolved_date"] is None) == (row["anchor"] is None)
        if row["resolved_date"] is not None:
            assert period_start(row["resolved_date"], row["resolution"]) == row["resolved_date"]


@NO_DATABASE
@given(st.lists(ANY_SURFACE, max_size=12), st.one_of(st.none(), published_dates))
def test_the_range_holds_the_resolved_date_and_resolving_again_changes_nothing(surfaces,
                                                                              published):
    text = " ".join(surfaces)  # candidates() lays the surfaces end to end like this
    result = resolve_date_mentions(candidates(*surfaces), articles(published, text=text))
    for start, day, end, resolution in result.select(
            "resolved_start", "resolved_date", "resolved_end", "resolution").iter_rows():
        assert (start is None) == (day is None) == (end is None)
        if day is not None:
            assert start == day <= end == period_end(day, resolution)
    again = resolve_date_mentions(result.select(list(DATE_CANDIDATE_SCHEMA)),
                                  articles(published, text=text))
    assert_frame_equal(again, result)
