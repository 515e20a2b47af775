"""resolve_date_mentions, one small frame per rule; drops."""

from datetime import date, timedelta

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from newsetl.transforms.dates.mentions import (
    DATE_CANDIDATE_SCHEMA,
    DATE_MENTION_SCHEMA,
    classify_date_candidates,
    resolve_date_mentions,
)
from tests.unit.date_frames import PUBLISHED, articles, candidates

# The range and anchor columns have their own tests (test_date_narrative.py).
RESOLVED = ["resolved_date", "resolution", "unresolved_reason", "is_ambiguous"]


def mentions(frame: pl.DataFrame, *resolved: tuple) -> pl.DataFrame:
    """`frame` with the four resolution columns, one tuple per row."""
    added = pl.DataFrame(list(resolved), schema={name: DATE_MENTION_SCHEMA[name]
                                                 for name in RESOLVED}, orient="row")  # fmt: skip
    return pl.concat([frame, added], how="horizontal")


def resolve(frame: pl.DataFrame, articles: pl.DataFrame, **options) -> pl.DataFrame:
    """`resolve_date_mentions` without the range and anchor columns."""
    return resolve_date_mentions(frame, articles, **options).drop(
        "resolved_start", "resolved_end", "anchor"
    )


def resolved_one(surface: str, **options) -> tuple:
    result = resolve_date_mentions(candidates(surface), articles(), **options)
    assert result.height == 1, f"{surface!r} was dropped"
    return result.select(RESOLVED).row(0)


@pytest.mark.parametrize(
    ("surface", "resolved_date", "resolution"),
    [
        # the seed article (published 2024-02-17)
        ("7th October", date(2023, 10, 7), "day"),
        ("Tuesday", date(2024, 2, 13), "day"),
        # weekdays: the latest on or before publication, the same day included
        ("Saturday", date(2024, 2, 17), "day"),
        ("Sunday", date(2024, 2, 11), "day"),
        ("Friday night", date(2024, 2, 16), "day"),
        ("early Monday", date(2024, 2, 12), "day"),
        ("last Saturday", date(2024, 2, 10), "day"),
        ("next Tuesday", date(2024, 2, 20), "day"),
        ("this Thursday", date(2024, 2, 15), "day"),
        # relative days
        ("yesterday", date(2024, 2, 16), "day"),
        ("today", date(2024, 2, 17), "day"),
        ("this morning", date(2024, 2, 17), "day"),
        ("tomorrow", date(2024, 2, 18), "day"),
        ("last night", date(2024, 2, 16), "day"),
        ("the day before yesterday", date(2024, 2, 15), "day"),
        ("two days ago", date(2024, 2, 15), "day"),
        ("48 hours ago", date(2024, 2, 15), "day"),
        # dates without a year: the nearest occurrence (ties and far tense cues aside)
        ("October 7", date(2023, 10, 7), "day"),
        ("the 7th of October", date(2023, 10, 7), "day"),
        ("Oct. 7", date(2023, 10, 7), "day"),
        ("March 5", date(2024, 3, 5), "day"),
        ("next October 7", date(2024, 10, 7), "day"),
        ("Christmas", date(2023, 12, 25), "day"),
        ("Friday, February 9", date(2024, 2, 9), "day"),
        ("the 12th", date(2024, 2, 12), "day"),
        # explicit days
        ("2024-02-17", date(2024, 2, 17), "day"),
        ("February 3, 2009", date(2009, 2, 3), "day"),
        ("Thursday, March 5, 2009", date(2009, 3, 5), "day"),
        ("5th March 2009", date(2009, 3, 5), "day"),
        ("13/03/2024", date(2024, 3, 13), "day"),
        ("today, November 13, 2004", date(2004, 11, 13), "day"),
        ("December 13-18, 2005", date(2005, 12, 13), "day"),
        ("9/11", date(2001, 9, 11), "day"),
        # weeks (Monday start)
        ("last week", date(2024, 2, 5), "week"),
        ("this week", date(2024, 2, 12), "week"),
        ("earlier this week", date(2024, 2, 12), "week"),
        ("next week", date(2024, 2, 19), "week"),
        ("two weeks ago", date(2024, 1, 29), "week"),
        ("the weekend", date(2024, 2, 12), "week"),
        ("last weekend", date(2024, 2, 5), "week"),
        # months
        ("last month", date(2024, 1, 1), "month"),
        ("this month", date(2024, 2, 1), "month"),
        ("next month", date(2024, 3, 1), "month"),
        ("March 2009", date(2009, 3, 1), "month"),
        ("early March 2009", date(2009, 3, 1), "month"),
        ("the end of March 2009", date(2009, 3, 1), "month"),
        ("last November", date(2023, 11, 1), "month"),
        ("March last year", date(2023, 3, 1), "month"),
        ("January", date(2024, 1, 1), "month"),
        ("between January and July 2004", date(2004, 1, 1), "month"),
        # quarters
        ("Q3 2024", date(2024, 7, 1), "quarter"),
        ("the third quarter of 2024", date(2024, 7, 1), "quarter"),
        ("fourth-quarter", date(2023, 10, 1), "quarter"),
        ("last quarter", date(2023, 10, 1), "quarter"),
        ("the first quarter of last year", date(2023, 1, 1), "quarter"),
        # years
        ("2008", date(2008, 1, 1), "year"),
        ("last year", date(2023, 1, 1), "year"),
        ("next year", date(2025, 1, 1), "year"),
        ("mid-2008", date(2008, 1, 1), "year"),
        ("late last year", date(2023, 1, 1), "year"),
        ("the end of the year", date(2024, 1, 1), "year"),
        ("three years ago", date(2021, 1, 1), "year"),
        ("the summer of 2005", date(2005, 1, 1), "year"),
        ("the first half of 2005", date(2005, 1, 1), "year"),
        ("2005-2006", date(2005, 1, 1), "year"),
        # decades
        ("the 1990s", date(1990, 1, 1), "decade"),
        ("the early '70s", date(1970, 1, 1), "decade"),
        ("the mid-1980s", date(1980, 1, 1), "decade"),
        ("the nineties", date(1990, 1, 1), "decade"),
    ],
)
def test_resolved(surface, resolved_date, resolution):
    frame = candidates(surface)
    expected = mentions(frame, (resolved_date, resolution, None, False))
    assert_frame_equal(resolve(frame, articles()), expected)


@pytest.mark.parametrize(
    ("surface", "reason", "is_ambiguous"),
    [
        ("recently", "vague", False),
        ("for decades", "vague", False),
        ("in recent years", "vague", False),
        ("the past few weeks", "vague", False),
        ("the coming months", "vague", False),
        ("some time ago", "vague", False),
        ("the next day", "relative_to_event", False),
        ("two years later", "relative_to_event", False),
        ("that week", "relative_to_event", False),
        ("02/03/2024", "ambiguous_numeric", True),
        ("the 21st century", "unsupported_period", False),
        ("the 1800s", "unsupported_period", True),
        ("fiscal 2008", "unsupported_period", False),
        ("February 30", "invalid_date", False),
        ("the French Quarter", "unrecognized", False),
    ],
)
def test_kept_unresolved_with_a_reason(surface, reason, is_ambiguous):
    assert resolved_one(surface) == (None, None, reason, is_ambiguous)


@pytest.mark.parametrize(
    ("surface", "kind"),
    [
        ("three years", "duration"),
        ("two weeks", "duration"),
        ("24 hours", "duration"),
        ("decades", "duration"),
        ("the past three years", "duration"),
        ("over a decade", "duration"),
        ("a two-day", "duration"),
        ("75-year-old", "age"),
        ("decades-old", "age"),
        ("aged 75", "age"),
        ("51 years old", "age"),
        ("annual", "frequency"),
        ("every four years", "frequency"),
        ("Tuesdays", "frequency"),
        ("37", "not_a_date"),
        ("http://example.com/2005-08-28/", "not_a_date"),
    ],
)
def test_non_dates_are_dropped_and_classified(surface, kind):
    frame = candidates(surface)
    assert resolve_date_mentions(frame, articles()).height == 0
    assert classify_date_candidates(frame).get_column("candidate_kind").to_list() == [kind]


def test_drops_leave_the_other_rows_in_order():
    frame = candidates("three years", "Tuesday", "75-year-old", "the 1990s", "annual", "recently")
    expected = mentions(
        frame[[1, 3, 5]],
        (date(2024, 2, 13), "day", None, False),
        (date(1990, 1, 1), "decade", None, False),
        (None, None, "vague", False),
    )
    assert_frame_equal(resolve(frame, articles()), expected)
    kinds = classify_date_candidates(frame).get_column("candidate_kind").value_counts(sort=True)
    assert dict(kinds.iter_rows()) == {"date": 3, "duration": 1, "age": 1, "frequency": 1}


def test_declared_date_order_resolves_numeric_dates_but_keeps_them_flagged():
    assert resolved_one("02/03/2024", date_order="DMY") == (date(2024, 3, 2), "day", None, True)
    assert resolved_one("02/03/2024", date_order="MDY") == (date(2024, 2, 3), "day", None, True)
    with pytest.raises(ValueError, match="date_order"):
        resolve_date_mentions(candidates("2008"), articles(), date_order="YMD")


def test_relative_mentions_need_a_publication_date_absolute_ones_do_not():
    frame = candidates("yesterday", "Tuesday", "October 7", "March 2009")
    expected = mentions(
        frame,
        (None, None, "no_reference_date", False),
        (None, None, "no_reference_date", False),
        (None, None, "no_reference_date", False),
        (date(2009, 3, 1), "month", None, False),
    )
    assert_frame_equal(resolve(frame, articles(published=None)), expected)
    missing_article = resolve(frame, articles(article_id="other"))
    assert_frame_equal(missing_article, expected)


def test_articles_must_be_unique():
    twice = pl.concat([articles(), articles()])
    with pytest.raises(ValueError, match="one row per article_id"):
        resolve_date_mentions(candidates("2008"), twice)


def placed_in(text: str, surface: str, published: date = PUBLISHED) -> date:
    start = text.index(surface)
    frame = pl.DataFrame(
        [("a1", surface, start, start + len(surface), 0, "spacy")],
        schema=DATE_CANDIDATE_SCHEMA,
        orient="row",
    )
    result = resolve_date_mentions(frame, articles(published, text=text))
    return result.get_column("resolved_date").item()


def test_future_tense_around_a_weekday_looks_forward():
    assert placed_in("The council will vote on Tuesday.", "Tuesday") == date(2024, 2, 20)
    assert placed_in("The council voted on Tuesday.", "Tuesday") == date(2024, 2, 13)
    assert placed_in("The council would be convened on Tuesday.", "Tuesday") == date(2024, 2, 20)


def test_tense_overrides_the_nearest_occurrence_only_when_it_is_far():
    # nearest October 7 is 133 days back; the future tense says the next one
    assert placed_in("Elections will be held on October 7.", "October 7") == date(2024, 10, 7)
    assert placed_in("Elections were held on October 7.", "October 7") == date(2023, 10, 7)
    # nearest March 5 is 17 days ahead: a past tense does not push it a year back
    assert placed_in("The treaty was signed on March 5.", "March 5") == date(2024, 3, 5)


def test_since_places_a_yearless_period_in_the_past_however_near_the_next_one_is():
    # March 2024 is 13 days ahead of publication: "since March" is still last March
    assert placed_in("Casualties have mounted since March.", "March") == date(2023, 3, 1)
    assert placed_in("Prices have risen since early March.", "March") == date(2023, 3, 1)
    assert placed_in("Talks have stalled since Tuesday.", "Tuesday") == date(2024, 2, 13)
    # without "since", the nearest March
    assert placed_in("Casualties mounted in March.", "March") == date(2024, 3, 1)


def test_ongoing_is_not_going_to():
    text = "Forces began an on-going operation on Monday, officials said."
    assert placed_in(text, "Monday") == date(2024, 2, 12)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Beckett told the Sunday Times that it was over.", "Sunday"),
        ("The claim was leaked to the Mail on Sunday last week.", "Sunday"),
        ("He told ABC's The World Today that he would stay.", "Today"),
        ("She spoke on the Today programme.", "Today"),
        ("According to USA Today, turnout fell.", "Today"),
    ],
)
def test_day_words_inside_names_are_dropped_given_the_text(text, surface):
    start = text.index(surface)
    frame = pl.DataFrame(
        [("a1", surface, start, start + len(surface), 0, "spacy")],
        schema=DATE_CANDIDATE_SCHEMA,
        orient="row",
    )
    with_text = articles(text=text)
    assert resolve_date_mentions(frame, with_text).height == 0
    assert classify_date_candidates(frame, with_text).get_column("candidate_kind").item() == (
        "not_a_date"
    )
    assert resolve_date_mentions(frame, articles()).height == 1  # without the text: kept


@pytest.mark.parametrize(
    "text",
    [
        "Rumsfeld wrote in the Washington Post on Sunday that the war goes on.",
        "Today, the President signed the bill.",
        "New Zealand    Today the government fell.",
    ],
)
def test_day_words_that_are_dates_stay(text):
    surface = "Sunday" if "Sunday" in text else "Today"
    assert placed_in(text, surface) is not None


def test_september_11_attacks_are_2001():
    text = "Security has tightened since the September 11 attacks in New York."
    assert placed_in(text, "September 11") == date(2001, 9, 11)
    assert placed_in("The vote is on September 11.", "September 11") == date(2023, 9, 11)


def test_empty_candidates_give_an_empty_frame_of_the_schema():
    result = resolve_date_mentions(candidates(), articles())
    assert result.schema == pl.Schema(DATE_MENTION_SCHEMA)


def test_a_week_is_monday_to_sunday():
    for offset in range(7):
        published = date(2024, 2, 12) + timedelta(days=offset)
        result = resolve_date_mentions(candidates("this week"), articles(published))
        assert result.get_column("resolved_date").to_list() == [date(2024, 2, 12)]
