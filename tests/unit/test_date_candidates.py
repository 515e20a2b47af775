"""find_rule_date_mentions and merge_date_candidates."""

from itertools import pairwise

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from newsetl.transforms.dates.mentions import (
    DATE_CANDIDATE_SCHEMA,
    find_rule_date_mentions,
    merge_date_candidates,
)

# Hypothesis keeps caches (constants, unicode tables) on disk while collecting; keep them out
# of the working tree (set before collection, hence at import).
NO_DATABASE = settings(database=None, deadline=None, max_examples=100)


def frame(*rows: tuple) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=DATE_CANDIDATE_SCHEMA, orient="row")


def rule_rows(text: str, article_id: str = "a1") -> pl.DataFrame:
    articles = pl.DataFrame({"article_id": [article_id], "text": [text]})
    return find_rule_date_mentions(articles)


def surfaces(text: str) -> list[str]:
    return rule_rows(text).get_column("surface_text").to_list()


def test_rule_spans_offsets_and_sentences():
    text = "The war began on 7th October. Talks resumed on Tuesday, Feb. 13, 2024 in Cairo."
    expected = frame(
        ("a1", "7th October", 17, 28, 0, "rule"),
        ("a1", "Tuesday, Feb. 13, 2024", 47, 69, 1, "rule"),
    )
    assert_frame_equal(rule_rows(text), expected)


def test_rules_find_what_spacy_often_misses():
    text = (
        "It began on 7th October and ended October 7, 2024. Filed 2024-02-17 and 02/03/2024. "
        "He left in March 2009, back in the 1990s, on Sunday morning, three years ago, "
        "yesterday and last week; results for Q3 2024 and the third quarter of 2024 came "
        "in mid-2008. Since 2008, in May, early next year."
    )
    assert surfaces(text) == [
        "7th October",
        "October 7, 2024",
        "2024-02-17",
        "02/03/2024",
        "March 2009",
        "the 1990s",
        "Sunday morning",
        "three years ago",
        "yesterday",
        "last week",
        "Q3 2024",
        "the third quarter of 2024",
        "mid-2008",
        "2008",
        "May",
        "next year",
    ]


def test_rules_find_periods_counted_from_the_text_and_formal_dates():
    text = (
        "He died the following morning. Three days later the rising came, and the day after "
        "it ended; later that year, after 9/11, he summoned them for the 1st day of Feb. "
        "next, against the edict of the 12th of October last. Due on 5 May next year."
    )
    assert surfaces(text) == [
        "the following morning",
        "Three days later",
        "the day after",
        "later that year",
        "9/11",
        "the 1st day of Feb. next",
        "the 12th of October last",
        "5 May",
        "next year",
    ]


def test_rules_leave_verbs_numbers_and_urls_alone():
    text = (
        "You may go. Some 2008 people came. The March on Rome. See "
        "http://example.com/2005-08-28/page for details. Call 555-1234 or 12-34."
    )
    assert surfaces(text) == []


def test_rule_finder_on_empty_and_missing_text():
    articles = pl.DataFrame({"article_id": ["a1", "a2"], "text": ["", None]})
    assert_frame_equal(find_rule_date_mentions(articles), frame())


def test_sentence_numbers_skip_abbreviations():
    text = "Mr. Smith met Dr. Jones on Tuesday. On Jan. 5, 2009 they parted. U.S. officials left."
    assert rule_rows(text).get_column("sentence_index").to_list() == [0, 1]


def test_identical_spans_keep_spacy():
    spacy = frame(("a1", "Tuesday", 10, 17, 2, "spacy"))
    rule = frame(("a1", "Tuesday", 10, 17, 1, "rule"))
    assert_frame_equal(merge_date_candidates(spacy, rule), spacy)


def test_a_more_specific_rule_span_wins_and_takes_spacys_sentence():
    spacy = frame(("a1", "October", 4, 11, 5, "spacy"), ("a1", "three years", 30, 41, 6, "spacy"))
    rule = frame(
        ("a1", "7th October", 0, 11, 4, "rule"), ("a1", "three years ago", 30, 45, 7, "rule")
    )
    expected = frame(
        ("a1", "7th October", 0, 11, 5, "rule"), ("a1", "three years ago", 30, 45, 6, "rule")
    )
    assert_frame_equal(merge_date_candidates(spacy, rule), expected)


def test_the_longer_span_wins_at_equal_specificity():
    spacy = frame(("a1", "today, November 13, 2004", 0, 24, 0, "spacy"))
    rule = frame(("a1", "today", 0, 5, 0, "rule"), ("a1", "November 13, 2004", 7, 24, 0, "rule"))
    assert_frame_equal(merge_date_candidates(spacy, rule), spacy)


def test_finer_resolution_beats_length():
    spacy = frame(("a1", "2004", 13, 17, 0, "spacy"))
    rule = frame(("a1", "November 13, 2004", 0, 17, 0, "rule"))
    assert_frame_equal(merge_date_candidates(spacy, rule), rule)


def test_non_overlapping_spans_of_both_are_kept_in_article_and_text_order():
    spacy = frame(("b", "2008", 50, 54, 3, "spacy"), ("a", "Tuesday", 10, 17, 0, "spacy"))
    rule = frame(("a", "last week", 0, 9, 0, "rule"), ("b", "yesterday", 5, 14, 0, "rule"))
    expected = frame(
        ("a", "last week", 0, 9, 0, "rule"),
        ("a", "Tuesday", 10, 17, 0, "spacy"),
        ("b", "yesterday", 5, 14, 0, "rule"),
        ("b", "2008", 50, 54, 3, "spacy"),
    )
    assert_frame_equal(merge_date_candidates(spacy, rule), expected)


def test_merge_of_nothing():
    assert_frame_equal(merge_date_candidates(frame(), frame()), frame())


SURFACES = ["Tuesday", "last week", "2008", "three years", "7th October", "recently", "37"]
spans = st.builds(
    lambda start, length, surface, detector: ("a1", surface, start, start + length, 0, detector),
    st.integers(0, 60),
    st.integers(1, 20),
    st.sampled_from(SURFACES),
    st.sampled_from(["spacy", "rule"]),
)


@NO_DATABASE
@given(st.lists(spans, max_size=15), st.randoms(use_true_random=False))
def test_merge_is_deterministic_and_leaves_no_overlap(rows, random):
    spacy = frame(*(row for row in rows if row[5] == "spacy"))
    rule = frame(*(row for row in rows if row[5] == "rule"))
    merged = merge_date_candidates(spacy, rule)
    shuffled = rows[:]
    random.shuffle(shuffled)
    again = merge_date_candidates(
        frame(*(row for row in shuffled if row[5] == "spacy")),
        frame(*(row for row in shuffled if row[5] == "rule")),
    )
    assert_frame_equal(merged, again)
    kept = merged.select("start_char", "end_char").rows()
    assert all(end <= next_start for (_, end), (next_start, _) in pairwise(kept))
    # every input span is kept or overlaps a kept one: nothing vanishes unexplained
    for row in rows:
        assert any(row[2] < end and start < row[3] for start, end in kept)
