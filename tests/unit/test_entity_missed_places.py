"""Well-known places and organisations NER left untagged become spans, on small texts with the
shipped reference."""

import polars as pl

from newsetl.transforms.entities.context import NO_CONTEXT, SPAN_CONTEXT_SCHEMA
from newsetl.transforms.entities.missed_places import add_missed_places, standalone_place_names
from newsetl.transforms.entities.normalize import normalize_entities
from tests.reference import reference_data
from tests.unit.entity_frames import texts

REFERENCE = reference_data()


def spans(rows: list[tuple]) -> pl.DataFrame:
    """(article_id, start, end, surface, label, sentence) rows, read in context."""
    return pl.DataFrame([(*row, *NO_CONTEXT.values()) for row in rows],
                        schema=SPAN_CONTEXT_SCHEMA, orient="row")


def added(text: str, rows: list[tuple] | None = None) -> list[tuple]:
    before = spans(rows or [])
    after = add_missed_places(before, texts(text), REFERENCE)
    return after.slice(before.height).select(
        "surface_text", "label", "sentence_index").rows()


def test_countries_continents_states_and_big_cities_no_span_covers_are_added():
    text = "Flights go to Barbados, San Diego and the US. Later, Africa and Texas."
    assert added(text) == [("Barbados", "GPE", 0), ("San Diego", "GPE", 0), ("US", "GPE", 0),
                           ("Africa", "LOC", 0), ("Texas", "GPE", 0)]


def test_a_place_inside_a_longer_name_or_a_span_or_a_word_is_not_added():
    text = ("Radio Mexico is loud. Mexico City-based firms and US-based ones. Chad said no. "
            "See cnn.com/2005/US/05 now. The Gulf of Mexico is warm.")
    gulf = text.index("Gulf of Mexico")
    assert added(text, [("a1", gulf, gulf + 14, "Gulf of Mexico", "LOC", 3)]) == []


def test_a_place_before_a_name_ner_tagged_on_its_own_is_added():
    text = "He favors US Second Amendment rights. The US Army Corps met. He saw US Army men."
    law = text.index("Second Amendment")
    army = text.index("Army Corps")
    rows = [("a1", law, law + 16, "Second Amendment", "LAW", 0),
            ("a1", army, army + 10, "Army Corps", "ORG", 1)]
    # the third "US" goes on with a capitalised word no span opens: a longer name
    assert added(text, rows) == [("US", "GPE", 0), ("US", "GPE", 1)]


def test_a_known_name_with_a_capital_inside_is_searched_though_its_word_is_frequent():
    text = "She uploads to her YouTube channel and her Facebook page. YouTube Rewind aired."
    # "facebook" is a frequent word written in lower case: only NER's own spans of it count;
    # "YouTube Rewind" is a longer name
    assert added(text) == [("YouTube", "ORG", 0)]


def test_a_sentence_opener_may_precede_the_place_and_the_sentence_is_the_nearest_spans():
    text = "Smith left. In Mexico he met Jones. To Peru."
    rows = [("a1", 0, 5, "Smith", "PERSON", 0), ("a1", 29, 34, "Jones", "PERSON", 1)]
    assert added(text, rows) == [("Mexico", "GPE", 1), ("Peru", "GPE", 2)]


def test_an_added_place_is_linked_like_a_tagged_one_and_adding_twice_changes_nothing():
    text = "The band toured Australia."
    once = add_missed_places(spans([]), texts(text), REFERENCE)
    assert add_missed_places(once, texts(text), REFERENCE).equals(once)
    result = normalize_entities(once, REFERENCE)
    assert result.entities["canonical_name"].to_list() == ["Australia"]
    assert result.places.select("feature_class", "country_code").rows() == [("country", "AU")]


def test_names_that_are_also_words_or_given_names_are_not_searched_for():
    names = standalone_place_names(REFERENCE)
    assert {"Barbados", "San Diego"} <= set(names)
    assert not {"Jordan", "Chad", "Georgia", "Phoenix", "Washington"} & set(names)


def test_known_organisations_no_span_covers_are_added_by_canonical_name_or_acronym():
    text = "Wikinews interviews a scientist. Human Rights Watch and NATO replied."
    assert added(text) == [("Wikinews", "ORG", 0), ("Human Rights Watch", "ORG", 0),
                           ("NATO", "ORG", 0)]


def test_an_organisation_named_by_a_shared_alias_or_followed_by_of_is_not_added():
    text = ("The Supreme Court ruled. The Democratic Party won. "
            "The European Commission of Inquiry met. Human Rights Watch-funded work.")
    assert added(text) == []
    names = standalone_place_names(REFERENCE)
    assert names["Human Rights Watch"] == "ORG"
    assert not {"Supreme Court", "Democratic Party", "General Assembly", "Labour"} & set(names)
