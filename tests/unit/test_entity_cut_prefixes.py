"""A name spaCy cut after its first words grows over them when the longer name is known, on
small real sentences with the shipped reference."""

import polars as pl

from newsetl.transforms.entities.context import NO_CONTEXT, SPAN_CONTEXT_SCHEMA
from newsetl.transforms.entities.cut_prefixes import grow_cut_names
from newsetl.transforms.entities.normalize import normalize_entities
from tests.reference import reference_data
from tests.unit.entity_frames import texts

REFERENCE = reference_data()


def spans(text: str, found: list[tuple[str, str]], **flags: object) -> pl.DataFrame:
    """Context-read spans: each (surface, label) at its first occurrence, sentence 0."""
    rows = []
    for surface, label in found:
        start = text.index(surface)
        rows.append(("a1", start, start + len(surface), surface, label, 0,
                     *{**NO_CONTEXT, **flags}.values()))
    return pl.DataFrame(rows, schema=SPAN_CONTEXT_SCHEMA, orient="row")


def grown(text: str, found: list[tuple[str, str]], **flags: object) -> list[tuple[str, str]]:
    after = grow_cut_names(spans(text, found, **flags), texts(text), REFERENCE)
    assert all(text[s:e] == surface for s, e, surface in
               after.select("start_char", "end_char", "surface_text").iter_rows())
    return list(after.select("surface_text", "label").iter_rows())


def canonical_names(text: str, found: list[tuple[str, str]]) -> list[str]:
    after = grow_cut_names(spans(text, found), texts(text), REFERENCE)
    result = normalize_entities(after, REFERENCE)
    return result.mentions.join(result.entities, on="entity_key")["canonical_name"].to_list()


def test_a_party_cut_after_its_first_word_is_the_party_not_another_countrys():
    text = "Charles Kennedy was the leader of the Liberal Democrats until January 2006."
    assert grown(text, [("Democrats", "NORP")]) == [("Liberal Democrats", "ORG")]
    assert "Democratic Party (United States)" not in canonical_names(
        text, [("Democrats", "ORG")])


def test_places_and_demonyms_cut_after_their_first_word():
    assert grown("Police in New South Wales said", [("South Wales", "GPE")]) == [
        ("New South Wales", "GPE")]
    assert grown("He flew to Santo Domingo on Monday.", [("Domingo", "PERSON")]) == [
        ("Santo Domingo", "GPE")]
    assert grown("A Saudi Arabian man was killed.", [("Arabian", "NORP")]) == [
        ("Saudi Arabian", "NORP")]


def test_a_span_inside_the_words_taken_is_dropped_and_one_across_them_stops_the_rule():
    text = "A Saudi Arabian man was killed."
    assert grown(text, [("Saudi", "NORP"), ("Arabian", "NORP")]) == [
        ("Saudi Arabian", "NORP")]
    text = "Police in New South Wales said"
    assert grown(text, [("in New", "GPE"), ("South Wales", "GPE")]) == [
        ("in New", "GPE"), ("South Wales", "GPE")]


def test_what_the_text_said_before_the_old_start_is_cleared_and_what_after_is_kept():
    text = "the Liberal Democrats said on Monday"
    after = grow_cut_names(spans(text, [("Democrats", "NORP")], speaker=True,
                                 preposition_before=True), texts(text), REFERENCE)
    assert after.select("speaker", "preposition_before").row(0) == (True, False)


def test_the_words_may_open_the_text_or_follow_an_opening_quote_or_bracket():
    assert grown("Liberal Democrats won", [("Democrats", "NORP")]) == [
        ("Liberal Democrats", "ORG")]
    assert grown('He said ("Liberal Democrats") won', [("Democrats", "NORP")]) == [
        ("Liberal Democrats", "ORG")]
    assert grown("the (French Polynesia) case", [("Polynesia", "GPE")]) == [
        ("French Polynesia", "GPE")]


def test_words_that_make_no_known_name_a_sentence_end_or_a_line_end_take_nothing():
    assert grown("Mr Howard said so.", [("Howard", "PERSON")]) == [("Howard", "PERSON")]
    assert grown("It fell in Ltd. Democrats said", [("Democrats", "NORP")]) == [
        ("Democrats", "NORP")]
    assert grown("Liberal\nDemocrats won", [("Democrats", "NORP")]) == [
        ("Democrats", "NORP")]
    # The span alone is already the thing: nothing to take.
    assert grown("the Republic of The Gambia", [("Gambia", "GPE")]) == [("Gambia", "GPE")]


def test_growing_twice_changes_nothing_and_an_article_without_text_is_unchanged():
    text = "Charles Kennedy led the Liberal Democrats. A Saudi Arabian man was killed."
    once = grow_cut_names(spans(text, [("Democrats", "NORP"), ("Arabian", "NORP")]),
                          texts(text), REFERENCE)
    assert grow_cut_names(once, texts(text), REFERENCE).equals(once)
    before = spans(text, [("Democrats", "NORP")])
    no_text = before.with_columns(article_id=pl.lit("a2"))
    assert grow_cut_names(no_text, texts(text), REFERENCE).equals(no_text)
