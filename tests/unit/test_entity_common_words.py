"""A frequent English word capitalised only at sentence or line starts is no name: small
texts, the shipped reference and the installed word list."""

import socket

import pytest

from newsetl.ingest.word_list import COMMON_WORD_COUNT, load_common_words
from newsetl.transforms.entities.common_words import mark_common_words, opens_sentence
from newsetl.transforms.entities.context import read_spans_in_context
from newsetl.transforms.entities.normalize import normalize_entities
from tests.reference import reference_data
from tests.unit.entity_frames import spans_of, texts

REFERENCE = reference_data()
WORDS = frozenset({"normalcy", "browsing", "albeit", "kelly", "christie", "will", "nah"})


def marked(text: str, found: list[tuple[str, str]],
           words: frozenset[str] = WORDS) -> list[str]:
    context = read_spans_in_context(spans_of(text, found), texts(text))
    out = mark_common_words(context, texts(text), words)
    return out.filter("lowercase_in_text")["surface_text"].to_list()


def test_a_frequent_word_only_at_sentence_and_line_starts_is_marked():
    text = ("The brothers met once more. Normalcy returned.\n5. Conclusion.\n"
            "Albeit limited, these results hold.\n“Browsing the catalog helps.” Nah, I joke.")
    found = [("Normalcy", "PERSON"), ("Albeit", "GPE"), ("Browsing", "PERSON"),
             ("Nah", "PERSON")]
    assert marked(text, found) == ["Normalcy", "Albeit", "Browsing", "Nah"]


def test_a_name_the_text_writes_mid_sentence_or_after_a_title_or_initial_is_kept():
    text = ("Kelly spoke first. Then Kelly left. Mr. Kelly, who acts for them, agreed. "
            "J. Kelly too.")
    assert marked(text, [("Kelly", "PERSON"), ("Kelly", "PERSON")]) == []
    title = "The counsel was there. Mr. Kelly, who acts for them, agreed."
    assert marked(title, [("Kelly", "PERSON")]) == []
    initial = "He wrote it. J. Kelly agreed."
    assert marked(initial, [("Kelly", "PERSON")]) == []


def test_a_speaker_a_possessor_and_a_word_written_in_another_case_are_kept():
    words = WORDS | {"wilson", "delay", "ebay", "democratic"}
    assert marked("He spoke. Schneider said no.", [("Schneider", "PERSON")],
                  words | {"schneider"}) == []
    assert marked("Rove leaked. Wilson blamed him. Then Wilson's wife left.",
                  [("Wilson", "PERSON")], words) == []
    assert marked("He left. Delay's man spoke.", [("Delay", "PERSON")], words) == []
    assert marked("It rose. Ebay fell. They compete with eBay now.", [("Ebay", "ORG")],
                  words) == []
    assert marked("It passed. Democratic senators objected.", [("Democratic", "NORP")],
                  words) == []


def test_a_family_name_before_a_given_name_an_unlisted_word_and_a_longer_name_are_kept():
    text = "Reading list:\nChristie, Agatha. The Mysterious Affair at Styles\nZorblat came."
    assert marked(text, [("Christie", "ORG"), ("Zorblat", "PERSON")]) == []
    assert marked("Normalcy Party won. Normalcy returned.", [("Normalcy Party", "ORG")]) == []
    assert marked("Normalcy returned.", [("Normalcy", "DATE")]) == []


def test_marked_words_are_dropped_as_common_nouns_unless_part_of_a_longer_name():
    text = "Will Smith acted. Will came too. Normalcy returned. Albeit late, it did."
    found = [("Will Smith", "PERSON"), ("Will", "PERSON"), ("Normalcy", "PERSON"),
             ("Albeit", "GPE")]
    context = read_spans_in_context(spans_of(text, found), texts(text))
    result = normalize_entities(mark_common_words(context, texts(text), WORDS), REFERENCE)
    assert result.dropped["surface_text"].to_list() == ["Normalcy", "Albeit"]
    assert set(result.dropped["drop_reason"]) == {"common_noun"}
    assert set(result.mentions["surface_text"]) == {"Will Smith", "Will"}


def test_marking_twice_changes_nothing_and_no_span_is_lost():
    text = "Normalcy returned. Browsing helps. Paris is far."
    context = read_spans_in_context(
        spans_of(text, [("Normalcy", "PERSON"), ("Browsing", "ORG"), ("Paris", "GPE")]),
        texts(text))
    once = mark_common_words(context, texts(text), WORDS)
    assert once.height == context.height
    assert mark_common_words(once, texts(text), WORDS).equals(once)
    assert once.drop("lowercase_in_text").equals(context.drop("lowercase_in_text"))


@pytest.mark.parametrize(("text", "start", "expected"), [
    ("Word here", 0, True),
    ("End. Word", 5, True),
    ("A line\n  * Word", 11, True),
    ('He said: "Word', 10, True),
    ("the Word", 4, False),
    ("Dr. Word", 4, False),
])
def test_what_opens_a_sentence(text: str, start: int, expected: bool):
    assert opens_sentence(text, start) is expected


def test_the_word_list_loads_from_the_installed_package_without_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    words = load_common_words()
    assert len(words) == COMMON_WORD_COUNT
    assert {"normalcy", "browsing", "albeit", "overtures", "the"} <= words
    assert all(word.isalpha() and word == word.lower() for word in words)
    assert "zxqv" not in words
    assert REFERENCE.common_words == words


def test_an_abbreviation_of_a_common_noun_is_no_name_wherever_it_stands():
    text = ("The GDP grew. Banks added ATMs, and the IMF and NATO met. A PhD student "
            "left an NGO's office. GM cut jobs.")
    found = [("GDP", "ORG"), ("ATMs", "ORG"), ("IMF", "ORG"), ("NATO", "ORG"),
             ("PhD", "WORK_OF_ART"), ("NGO's", "ORG"), ("GM", "ORG")]
    assert marked(text, found, frozenset()) == ["GDP", "ATMs", "PhD", "NGO's"]
    context = read_spans_in_context(spans_of(text, found), texts(text))
    out = normalize_entities(mark_common_words(context, texts(text), frozenset()), REFERENCE)
    assert sorted(out.mentions["surface_text"]) == ["GM", "IMF", "NATO"]  # GM: a carmaker too
    assert set(out.dropped["drop_reason"]) == {"common_noun"}
