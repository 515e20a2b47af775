"""A name spaCy cut after its first words grows over them when the longer name is known, on
small real sentences with the shipped reference."""

import polars as pl

from newsetl.transforms.entities.context import NO_CONTEXT, SPAN_CONTEXT_SCHEMA
from newsetl.transforms.entities.cut_names import grow_cut_names
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
    text = ("Charles Kennedy led the Liberal Democrats. A Saudi Arabian man was killed in "
            "Trinidad and Tobago.")
    once = grow_cut_names(spans(text, [("Democrats", "NORP"), ("Arabian", "NORP"),
                                       ("Trinidad", "GPE"), ("Tobago", "ORG")]),
                          texts(text), REFERENCE)
    assert once["surface_text"].to_list() == [
        "Liberal Democrats", "Saudi Arabian", "Trinidad and Tobago"]
    assert grow_cut_names(once, texts(text), REFERENCE).equals(once)
    before = spans(text, [("Democrats", "NORP")])
    no_text = before.with_columns(article_id=pl.lit("a2"))
    assert grow_cut_names(no_text, texts(text), REFERENCE).equals(no_text)


def test_a_name_joined_by_and_or_of_cut_before_its_last_words_takes_them():
    text = "Officials from Trinidad and Tobago met the team on Monday."
    assert grown(text, [("Trinidad", "GPE"), ("Tobago", "ORG")]) == [
        ("Trinidad and Tobago", "GPE")]
    text = "Visitors from Saint Kitts and Nevis, Saint Vincent and the Grenadines, Serbia."
    assert grown(text, [("Saint Kitts and", "GPE"), ("Saint Vincent", "GPE")]) == [
        ("Saint Kitts and Nevis", "GPE"), ("Saint Vincent and the Grenadines", "GPE")]
    # The longest known name wins, and a name never ends with a joining word.
    assert grown("the Turks and Caicos Islands and", [("Turks", "ORG")]) == [
        ("Turks and Caicos Islands", "GPE")]
    assert grown("Antigua and Barbuda.", [("Antigua", "PERSON"), ("Barbuda", "PERSON")]) == [
        ("Antigua and Barbuda", "GPE")]
    assert grown("Sao Tome and Principe", [("Sao Tome", "ORG")]) == [
        ("Sao Tome and Principe", "GPE")]
    assert "São Tomé and Príncipe" in canonical_names(
        "from Sao Tome and Principe", [("Sao Tome", "ORG")])


def test_words_after_that_make_no_known_name_or_a_span_across_them_take_nothing():
    text = "Trade between Georgia and Alabama grew."
    assert grown(text, [("Georgia", "GPE"), ("Alabama", "GPE")]) == [
        ("Georgia", "GPE"), ("Alabama", "GPE")]
    assert grown("Trinidad and\nTobago", [("Trinidad", "GPE")]) == [("Trinidad", "GPE")]
    assert grown("Trinidad. And Tobago", [("Trinidad", "GPE")]) == [("Trinidad", "GPE")]
    text = "Trinidad and Tobago Express"
    assert grown(text, [("Trinidad", "GPE"), ("Tobago Express", "ORG")]) == [
        ("Trinidad", "GPE"), ("Tobago Express", "ORG")]


def test_a_name_grown_at_its_end_keeps_what_the_text_said_before_and_takes_what_after():
    text = "in Trinidad and Tobago said"
    after = grow_cut_names(spans(text, [("Trinidad", "GPE"), ("Tobago", "PERSON")],
                                 place_preposition=True), texts(text), REFERENCE)
    assert after.select("surface_text", "place_preposition").rows() == [
        ("Trinidad and Tobago", True)]
    tobago = spans(text, [("Tobago", "PERSON")], speaker=True)
    trinidad = spans(text, [("Trinidad", "GPE")], place_preposition=True)
    after = grow_cut_names(pl.concat([trinidad, tobago]), texts(text), REFERENCE)
    assert after.select("surface_text", "place_preposition", "speaker").rows() == [
        ("Trinidad and Tobago", True, True)]
    alone = grow_cut_names(spans(text, [("Trinidad", "GPE")], speaker=True), texts(text),
                           REFERENCE)
    assert alone.select("surface_text", "speaker").rows() == [("Trinidad and Tobago", False)]
