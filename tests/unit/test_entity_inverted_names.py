"""A reading list's "Family, Given. Title" lines: one PERSON span per inverted name, on small
texts with the shipped reference."""

import polars as pl

from newsetl.transforms.entities.context import NO_CONTEXT, SPAN_CONTEXT_SCHEMA
from newsetl.transforms.entities.inverted_names import add_inverted_names, inverted_name_spans
from newsetl.transforms.entities.normalize import normalize_entities
from tests.reference import reference_data
from tests.unit.entity_frames import texts

REFERENCE = reference_data()
READING_LIST = ("Other good ones:\n\nAusten, Jane. Pride and Prejudice\n\n"
                "Christie, Agatha. The Mysterious Affair at Styles\n\n"
                "Marx, Karl and Engels, Friedrich. The Communist Manifesto (solo)\n")


def spans(text: str, found: list[tuple[str, str]]) -> pl.DataFrame:
    """Context-read spans: each (surface, label) at its first occurrence, sentence 3."""
    rows = []
    for surface, label in found:
        start = text.index(surface)
        rows.append(("a1", start, start + len(surface), surface, label, 3,
                     *NO_CONTEXT.values()))
    return pl.DataFrame(rows, schema=SPAN_CONTEXT_SCHEMA, orient="row")


def names(text: str) -> list[str]:
    return [text[s:e] for s, e in inverted_name_spans(text, REFERENCE)]


def test_each_inverted_name_of_a_reading_list_is_found():
    assert names(READING_LIST) == ["Austen, Jane", "Christie, Agatha", "Marx, Karl",
                                   "Engels, Friedrich"]


def test_one_such_line_prose_and_a_known_place_after_the_comma_are_not_names():
    assert names("Austen, Jane. Pride and Prejudice\nShe read it twice.") == []
    assert names("Then, Jane left. Later, Agatha came.\nSo, Karl. And then some.") == []
    assert names("Paris, France. A trip\nLyon, France. Another\n") == []


def test_the_spans_inside_become_one_person_named_the_usual_way_round():
    found = [("Austen", "PERSON"), ("Jane", "PERSON"), ("Christie", "ORG"),
             ("Agatha", "GPE"), ("Pride and Prejudice", "WORK_OF_ART"), ("Marx", "PERSON"),
             ("Engels", "LOC"), ("Friedrich", "PERSON")]
    before = spans(READING_LIST, found)
    after = add_inverted_names(before, texts(READING_LIST), REFERENCE)
    assert sorted(after.filter(pl.col("label") == "PERSON")["surface_text"]) == [
        "Austen, Jane", "Christie, Agatha", "Engels, Friedrich", "Marx, Karl"]
    assert after.filter(pl.col("label") != "PERSON")["surface_text"].to_list() == [
        "Pride and Prejudice"]
    assert set(after["sentence_index"]) == {3}
    result = normalize_entities(after, REFERENCE)
    people = result.mentions.join(result.entities, on="entity_key").filter(
        pl.col("entity_type") == "PERSON")
    canonical = people["canonical_name"]
    assert sorted(canonical) == ["Agatha Christie", "Friedrich Engels", "Jane Austen",
                                 "Karl Marx"]
    again = add_inverted_names(after, texts(READING_LIST), REFERENCE)
    assert sorted(again.rows()) == sorted(after.rows())


def test_an_article_without_a_reading_list_is_unchanged():
    text = "Jane Austen wrote it. Agatha Christie too."
    before = spans(text, [("Jane Austen", "PERSON"), ("Agatha Christie", "PERSON")])
    assert add_inverted_names(before, texts(text), REFERENCE).equals(before)
