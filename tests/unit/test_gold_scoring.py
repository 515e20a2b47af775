"""Date scoring against the gold set (bench/score_dates.py) on tiny hand-made frames."""

from datetime import date

import polars as pl
import pytest

from bench.score_dates import (
    DATE_PREDICTION_SCHEMA,
    locate,
    match_article,
    misses,
    period_start,
    score_dates,
)

TEXT_A = "On Friday it rained. Talks resume Monday, December 17 and end in  January 2008; Friday."
TEXT_B = "The deal of 2007 holds through the end of 2007. Nothing else."


def _gold(surface: str, resolved: str | None, resolution: str | None) -> dict:
    return {"surface": surface, "resolved_date": resolved, "resolution": resolution}


GOLD = [
    {"id": "A", "url": "a", "dates": [
        _gold("Friday", "2007-12-07", "day"),
        _gold("Monday, December 17", "2007-12-17", "day"),
        _gold("january 2008", "2008-01-01", "month"),
        _gold("Friday", "2007-12-21", "day"),
    ]},
    {"id": "B", "url": "b", "dates": [
        _gold("2007", "2007-01-01", "year"),
        _gold("the end of 2007", "2007-01-01", "year"),
        _gold("Nothing", None, None),
    ]},
]  # fmt: skip
TEXTS = {"a": TEXT_A, "b": TEXT_B}
LAST = TEXT_A.rindex("Friday")


def _predictions(*rows: tuple) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=DATE_PREDICTION_SCHEMA, orient="row")


def _row(url: str, surface: str, resolved: date | None, resolution: str | None) -> tuple:
    start = TEXTS[url].index(surface)
    return (url, surface, start, start + len(surface), resolved, resolution)


def test_locate_places_repeated_and_nested_surfaces_in_text_order() -> None:
    spans = locate(TEXT_A, ["Friday", "Monday, December 17", "JANUARY 2008", "Friday"])
    assert [TEXT_A[s:e] for s, e in spans] == [
        "Friday", "Monday, December 17", "January 2008", "Friday"
    ]  # fmt: skip
    assert spans[0][0] < spans[3][0]
    # the longer surface is placed first, so the bare year gets the other occurrence
    year, period = locate(TEXT_B, ["2007", "the end of 2007"])
    assert year == (12, 16)
    assert TEXT_B[period[0] : period[1]] == "the end of 2007"


def test_locate_whole_words_only_and_missing_is_none() -> None:
    assert locate("todays news; today", ["today"]) == [(13, 18)]
    assert locate("nothing here", ["Tuesday", "Tuesday"]) == [None, None]
    assert locate("Friday", ["Friday", "Friday"]) == [(0, 6), None]


def test_match_is_span_overlap_and_falls_back_to_text_without_offsets() -> None:
    items = GOLD[0]["dates"]
    partial = _row("a", "December 17", date(2007, 12, 17), "day")
    other = _row("a", "rained", None, None)
    matched = match_article(items, TEXT_A, [partial, other])
    assert matched == [[], [partial], [], []]
    by_text = match_article(items, None, [("a", "december 17", 0, 0, None, None)])
    assert [len(rows) for rows in by_text] == [0, 1, 0, 0]


def test_score_arithmetic() -> None:
    predictions = _predictions(
        _row("a", "Friday", date(2007, 12, 7), "day"),  # right
        ("a", "Friday", LAST, LAST + 6, date(2007, 12, 14), "day"),  # 2nd Friday: wrong
        _row("a", "December 17", date(2007, 12, 17), "day"),  # partial span, right
        _row("a", "January 2008", date(2008, 1, 1), "week"),  # right date, wrong resolution
        _row("b", "2007", date(2007, 1, 1), "year"),  # right
        _row("b", "Nothing", None, None),  # a gold expression with no value: found
        _row("b", "holds", None, None),  # not a gold date
        ("elsewhere", "today", 0, 5, date(2007, 1, 1), "day"),  # not a gold article: ignored
    )
    figures = score_dates(GOLD, predictions, TEXTS)
    assert figures["gold_day"] == 3
    assert figures["gold_dates"] == 7
    assert figures["day_accuracy"] == pytest.approx(2 / 3)
    assert figures["resolved_accuracy"] == pytest.approx(3 / 6)
    assert figures["recall"] == pytest.approx(6 / 7)  # only "the end of 2007" unmatched
    assert figures["predicted"] == 7
    assert figures["not_in_gold"] == pytest.approx(1 / 7)


def test_a_wrong_resolution_or_a_missing_article_is_not_correct() -> None:
    only_week = _predictions(_row("a", "Friday", date(2007, 12, 7), "week"))
    assert score_dates(GOLD[:1], only_week, TEXTS)["day_accuracy"] == 0.0
    assert score_dates(GOLD, _predictions(), {})["recall"] == 0.0
    assert score_dates([], _predictions(), {})["day_accuracy"] == 0.0


def test_misses_lists_wrong_and_unmatched_gold_then_extras() -> None:
    predictions = _predictions(
        _row("b", "2007", date(2006, 1, 1), "year"),
        _row("b", "Nothing", None, None),
        _row("b", "holds", None, None),
    )
    lines = misses(GOLD[1:], predictions, TEXTS)
    assert lines == [
        "miss  B '2007' = 2007-01-01 year: '2007' 2006-01-01 year",
        "miss  B 'the end of 2007' = 2007-01-01 year: not found",
        "extra B 'holds' None None",
    ]


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("day", (date(2007, 12, 13), "day")),
        ("time", (date(2007, 12, 13), "day")),
        ("week", (date(2007, 12, 10), "week")),
        ("month", (date(2007, 12, 1), "month")),
        ("year", (date(2007, 1, 1), "year")),
    ],
)
def test_baseline_values_start_their_period(period: str, expected: tuple) -> None:
    assert period_start(date(2007, 12, 13), period) == expected
