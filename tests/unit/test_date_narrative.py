"""Dates read against the narrative the text sets, periods counted from the text's last
date, and the range and anchor of every resolved mention (`transforms/dates/narrative.py`)."""

import bisect
from datetime import date

import polars as pl
import pytest

from newsetl.transforms.dates.mentions import DATE_CANDIDATE_SCHEMA, resolve_date_mentions
from newsetl.transforms.dates.rules import sentence_starts
from tests.unit.date_frames import PUBLISHED, articles, candidates

BIOGRAPHY_PUBLISHED = date(2004, 8, 18)  # a wiki page about the 1830s, created in 2004


def read(text: str, *surfaces: str, published: date | None = PUBLISHED) -> list[tuple]:
    """(surface, resolved_date, resolution, anchor, unresolved_reason) of each surface, found
    in `text` in order, as the pipeline would pass them (with the article's text)."""
    rows, position, starts = [], 0, sentence_starts(text)
    for surface in surfaces:
        start = text.index(surface, position)
        sentence = bisect.bisect_right(starts, start) - 1
        rows.append(("a1", surface, start, start + len(surface), sentence, "rule"))
        position = start + len(surface)
    frame = pl.DataFrame(rows, schema=DATE_CANDIDATE_SCHEMA, orient="row")
    result = resolve_date_mentions(frame, articles(published, text=text))
    return result.select(
        "surface_text", "resolved_date", "resolution", "anchor", "unresolved_reason"
    ).rows()


def last(text: str, *surfaces: str, published: date | None = PUBLISHED) -> tuple:
    """(resolved_date, anchor) of the last surface."""
    row = read(text, *surfaces, published=published)[-1]
    return row[1], row[3]


# The narrative year


def test_a_yearless_date_after_an_explicit_year_takes_that_year():
    text = "In 1831, Galois was arrested. He was released on July 14."
    assert read(text, "1831", "July 14", published=BIOGRAPHY_PUBLISHED) == [
        ("1831", date(1831, 1, 1), "year", "absolute", None),
        ("July 14", date(1831, 7, 14), "day", "narrative", None),
    ]


def test_without_an_explicit_year_a_yearless_date_is_placed_from_publication():
    text = "Galois was arrested. He was released on July 14."
    assert last(text, "July 14", published=BIOGRAPHY_PUBLISHED) == (
        date(2004, 7, 14), "publication")  # fmt: skip


def test_news_default_unchanged_a_weekday_and_a_yearless_date_near_publication():
    text = "The court met on Tuesday. The hearing resumes on March 5."
    assert read(text, "Tuesday", "March 5") == [
        ("Tuesday", date(2024, 2, 13), "day", "publication", None),
        ("March 5", date(2024, 3, 5), "day", "publication", None),
    ]


def test_an_explicit_year_equal_to_the_publication_year_keeps_the_publication_date():
    text = "In 2024, the firm was sold. On December 20 the deal closed."
    assert last(text, "2024", "December 20") == (date(2023, 12, 20), "publication")


def test_a_year_set_in_the_next_sentence_takes_over_a_yearless_date():
    text = "In 1998, the company was founded. On March 5 it opened its first shop."
    assert last(text, "1998", "March 5") == (date(1998, 3, 5), "narrative")


def test_in_a_text_speaking_from_its_publication_another_year_lasts_its_sentence():
    text = ("Police said on Tuesday that the suspect had fled. In 1998, he was convicted of "
            "fraud and released on March 5. He was arrested again on April 2. He moved "
            "abroad. Officers expect the trial to start on June 10.")  # fmt: skip
    rows = read(text, "Tuesday", "1998", "March 5", "April 2", "June 10")
    assert [(row[1], row[3]) for row in rows[2:]] == [
        (date(1998, 3, 5), "narrative"),  # the sentence that wrote 1998
        (date(2024, 4, 2), "publication"),  # the next sentence: the present again
        (date(2024, 6, 10), "publication"),
    ]


def test_a_text_is_news_from_its_start_when_it_speaks_from_its_publication_later():
    text = ("Serbian forces fought in Kosovo from January 1999 to June 1999. After fleeing, "
            "he surrendered on April 22. His lawyers said on Tuesday that he would appeal.")
    rows = read(text, "January 1999", "June 1999", "April 22", "Tuesday")
    assert (rows[2][1], rows[2][3]) == (date(2024, 4, 22), "publication")


@pytest.mark.parametrize(
    ("text", "surfaces", "expected"),
    [
        pytest.param("Officials said on Tuesday that a student died in 2004. The school asked "
                     "for help. That summer, another boy died.", ("Tuesday", "2004", "That summer"),
                     date(2004, 1, 1), id="that-season"),
        pytest.param("He said on Tuesday that a coup removed him in 2002. He was held at a "
                     "base. Crowds came out on April 13 of that year.",
                     ("Tuesday", "2002", "April 13"),
                     date(2002, 4, 13), id="of-that-year"),
    ],
)  # fmt: skip
def test_a_yearless_period_tied_to_the_last_year_named_stays_in_it(text, surfaces, expected):
    assert last(text, *surfaces) == (expected, "narrative")


def test_a_biography_keeps_its_year_across_sentences():
    text = ("In 1831, Galois was arrested. He spent months in prison. He wrote to friends. "
            "He read widely. He was released on July 14.")  # fmt: skip
    assert last(text, "1831", "July 14", published=BIOGRAPHY_PUBLISHED) == (
        date(1831, 7, 14), "narrative")  # fmt: skip


def test_a_story_told_in_days_moves_on_with_its_dates():
    text = "He left on 28 December 1831. He arrived on 3 January. He wrote on 2 February."
    rows = read(text, "28 December 1831", "3 January", "2 February",
                published=BIOGRAPHY_PUBLISHED)  # fmt: skip
    assert [row[1] for row in rows] == [date(1831, 12, 28), date(1832, 1, 3), date(1832, 2, 2)]


@pytest.mark.parametrize(
    ("text", "surfaces", "expected"),
    [
        pytest.param("In 1998, the firm was founded. It will list its shares on March 5.",
                     ("1998", "March 5"), date(2024, 3, 5), id="future-tense"),
        pytest.param("A 1998 study found the opposite. On March 5 the paper was withdrawn.",
                     ("1998", "March 5"), date(2024, 3, 5), id="a-year-before-a-noun"),
        pytest.param("Prices have risen since 1998. On March 5 they fell.",
                     ("1998", "March 5"), date(2024, 3, 5), id="since-a-year"),
        pytest.param("In 1998, the firm was founded. Yesterday it said that on March 5 it "
                     "would close.", ("1998", "Yesterday", "March 5"), date(2024, 3, 5),
                     id="words-from-the-present"),
        pytest.param("In 1998, the firm was founded. Last July it moved.",
                     ("1998", "Last July"), date(2023, 7, 1), id="a-direction-word"),
        pytest.param("In 1998, the firm was founded. On Friday, April 19 it moved.",
                     ("1998", "Friday, April 19"), date(2024, 4, 19),
                     id="a-weekday-that-does-not-fit-the-year"),
        pytest.param("He volunteered after 9/11 and wrote poems in late September.",
                     ("9/11", "late September"), date(2023, 9, 1),
                     id="an-event-date-without-its-year-written"),
    ],
)  # fmt: skip
def test_the_publication_date_stays_the_reference(text, surfaces, expected):
    assert last(text, *surfaces) == (expected, "publication")


@pytest.mark.parametrize(
    ("text", "surfaces", "expected"),
    [
        pytest.param("On September 17, 1859, he summoned the delegates to assemble on the 1st "
                     "day of Feb. next.", ("September 17, 1859", "the 1st day of Feb. next"),
                     date(1860, 2, 1), id="next"),
        pytest.param("In February 1860 he ordered the Army to act against the edict of the "
                     "12th of October last.", ("February 1860", "the 12th of October last"),
                     date(1859, 10, 12), id="last"),
    ],
)  # fmt: skip
def test_a_direction_word_after_a_day_counts_from_the_story_in_a_history(text, surfaces,
                                                                         expected):  # fmt: skip
    assert last(text, *surfaces, published=BIOGRAPHY_PUBLISHED) == (expected, "narrative")


def test_a_direction_word_after_a_day_counts_from_publication_in_news():
    text = ("Police said on Tuesday that the suspect fled in 1998. He must appear on the 5th "
            "of March next.")  # fmt: skip
    assert last(text, "Tuesday", "1998", "the 5th of March next") == (
        date(2024, 3, 5), "publication")  # fmt: skip


def test_without_a_publication_date_the_narrative_still_places_a_yearless_date():
    text = "In 1859, Norton proclaimed himself emperor. On October 12 he abolished Congress."
    assert last(text, "1859", "October 12", published=None) == (
        date(1859, 10, 12), "narrative")  # fmt: skip


# Periods counted from the text's last date


@pytest.mark.parametrize(
    ("words", "resolved_date", "resolution"),
    [
        ("the following day", date(1832, 5, 31), "day"),
        ("the following morning", date(1832, 5, 31), "day"),
        ("the next day", date(1832, 5, 31), "day"),
        ("The next evening", date(1832, 5, 31), "day"),
        ("the day after", date(1832, 5, 31), "day"),
        ("the day before", date(1832, 5, 29), "day"),
        ("the previous day", date(1832, 5, 29), "day"),
        ("the night before", date(1832, 5, 29), "day"),
        ("that day", date(1832, 5, 30), "day"),
        ("later that day", date(1832, 5, 30), "day"),
        ("three days later", date(1832, 6, 2), "day"),
        ("five days earlier", date(1832, 5, 25), "day"),
        ("two weeks later", date(1832, 6, 11), "week"),
        ("the following week", date(1832, 6, 4), "week"),
        ("that week", date(1832, 5, 28), "week"),
        ("the following month", date(1832, 6, 1), "month"),
        ("two months earlier", date(1832, 3, 1), "month"),
        ("that year", date(1832, 1, 1), "year"),
        ("later that year", date(1832, 1, 1), "year"),
        ("the previous year", date(1831, 1, 1), "year"),
        ("one year later", date(1833, 1, 1), "year"),
        ("a decade later", date(1842, 1, 1), "year"),
        ("the following Tuesday", date(1832, 6, 5), "day"),  # 30 May 1832 was a Wednesday
        ("the previous Tuesday", date(1832, 5, 29), "day"),
    ],
)
def test_counted_from_the_last_date_the_text_named(words, resolved_date, resolution):
    text = f"The duel took place on 30 May 1832. He died {words}."
    assert read(text, "30 May 1832", words, published=BIOGRAPHY_PUBLISHED)[-1] == (
        words, resolved_date, resolution, "narrative", None)  # fmt: skip


def test_counted_periods_chain_from_one_another():
    text = "The summit opened on 1 May 2001. The next day it stalled. The following day it closed."
    rows = read(text, "1 May 2001", "The next day", "The following day")
    assert [row[1] for row in rows] == [date(2001, 5, 1), date(2001, 5, 2), date(2001, 5, 3)]


def test_counted_from_a_date_read_against_the_publication():
    text = "Police arrested him on Tuesday. The next day he was charged."
    assert last(text, "Tuesday", "The next day") == (date(2024, 2, 14), "narrative")


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        pytest.param("The next day he was charged.", ("The next day",), id="no-date-before"),
        pytest.param("In 1998 he was charged. The next day he fled.", ("1998", "The next day"),
                     id="a-year-names-no-day"),
        pytest.param("On 30 May 1832 he fought. Five days before his death, he wrote a letter.",
                     ("30 May 1832", "Five days before"), id="counted-from-the-words-after"),
    ],
)  # fmt: skip
def test_not_counted_without_a_fine_enough_date(text, surfaces):
    assert read(text, *surfaces)[-1][1:] == (None, None, None, "relative_to_event")


def test_counted_before_a_full_stop_is_from_the_text_date():
    text = "He fought on 30 May 1832. He had written the letter five days before."
    assert last(text, "30 May 1832", "five days before") == (date(1832, 5, 25), "narrative")


# Ranges and anchors


@pytest.mark.parametrize(
    ("surface", "resolved_start", "resolved_end", "anchor"),
    [
        ("Tuesday", date(2024, 2, 13), date(2024, 2, 13), "publication"),
        ("last week", date(2024, 2, 5), date(2024, 2, 11), "publication"),
        ("the weekend", date(2024, 2, 12), date(2024, 2, 18), "publication"),
        ("February 2024", date(2024, 2, 1), date(2024, 2, 29), "absolute"),
        ("last month", date(2024, 1, 1), date(2024, 1, 31), "publication"),
        ("Q3 2023", date(2023, 7, 1), date(2023, 9, 30), "absolute"),
        ("last quarter", date(2023, 10, 1), date(2023, 12, 31), "publication"),
        ("2008", date(2008, 1, 1), date(2008, 12, 31), "absolute"),
        ("next year", date(2025, 1, 1), date(2025, 12, 31), "publication"),
        ("the 1990s", date(1990, 1, 1), date(1999, 12, 31), "absolute"),
        ("recently", None, None, None),
    ],
)
def test_every_resolution_has_its_first_and_last_day(surface, resolved_start, resolved_end,
                                                     anchor):  # fmt: skip
    result = resolve_date_mentions(candidates(surface), articles())
    assert result.select("resolved_date", "resolved_start", "resolved_end", "anchor").row(0) \
        == (resolved_start, resolved_start, resolved_end, anchor)  # fmt: skip
