"""Article languages: declared ones normalized to ISO 639-1, the others detected offline by
lingua among the configured languages, on real texts (tests/data)."""

from __future__ import annotations

import json

import polars as pl

from newsetl.nlp.language import LanguageDetector
from newsetl.settings import Settings
from newsetl.transforms.articles.language import (
    LANGUAGE_SCHEMA,
    declared_language,
    undeclared,
    with_languages,
)
from tests.conftest import REPO, WIKINEWS_SLICE

LANGUAGES_FILE = REPO / "tests" / "data" / "languages" / "de_fr_articles.jsonl"


def _records(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_declared_languages_become_iso_639_1_codes() -> None:
    declared = pl.DataFrame({"language": ["en-US", "pt_BR", " DE ", "ger", "fra", "English",
                                          "xx", "", None]})
    codes = declared.select(declared_language(pl.col("language"))).to_series().to_list()
    assert codes == ["en", "pt", "de", "de", "fr", "en", None, None, None]


def test_declared_language_wins_and_the_rest_is_detected() -> None:
    articles = pl.DataFrame({"article_id": ["a", "b", "c", "d"],
                             "language": ["en-GB", None, "klingon", None],
                             "text": ["x", "y", "z", "w"]})
    assert undeclared(articles)["article_id"].to_list() == ["b", "c", "d"]
    detected = pl.DataFrame({"article_id": ["b", "c", "d"], "language": ["de", "fr", None]},
                            schema=LANGUAGE_SCHEMA)
    result = with_languages(articles, detected)
    assert result.select("article_id", "language", "language_source").rows() == [
        ("a", "en", "declared"), ("b", "de", "detected"), ("c", "fr", "detected"),
        ("d", None, None)]


def test_lingua_detects_german_french_and_english_news_text() -> None:
    records = [record for record in _records(LANGUAGES_FILE) + _records(WIKINEWS_SLICE)
               if record["text"]]  # ID783 has no text (quarantined as no_text when loaded)
    articles = pl.DataFrame({"article_id": [r["id"] for r in records],
                             "text": [r["text"] for r in records]})
    detector = LanguageDetector(Settings.model_fields["detect_languages"].default_factory())
    found = dict(detector.detect(articles).rows())
    assert found.pop("DE1") == "de"
    assert found.pop("FR1") == "fr"
    assert set(found.values()) == {"en"}, found
    assert len(found) == 7


def test_a_text_without_letters_has_no_language() -> None:
    detector = LanguageDetector(["en", "de"])
    found = detector.detect(pl.DataFrame({"article_id": ["n"], "text": ["1234 5678 -- 90"]}))
    assert found.rows() == [("n", None)]
