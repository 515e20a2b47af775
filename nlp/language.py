"""Offline language detection (lingua), restricted to the languages a run expects.

Restricting the candidates is what makes it fast and sure: lingua only weighs the languages
it is given, and loads the model of each one the first time a text needs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import polars as pl

from newsetl.transforms.articles.language import LANGUAGE_SCHEMA

if TYPE_CHECKING:
    from lingua import LanguageDetector as LinguaDetector

# An article's language is read from its first characters: the lead is the article's own
# voice, while quotes, URLs and bits of other languages come later. On 1,000 Wikinews
# articles the whole text made one machine-translated English article Portuguese (Portuguese
# fragments and URLs all through it), the first 1,000 characters none, at 0.7x the CPU.
DETECT_CHARS = 1000


class LanguageDetector:
    """ISO 639-1 codes of texts, among `languages` (ISO 639-1 codes); built on first use."""

    def __init__(self, languages: Sequence[str]) -> None:
        self._languages = tuple(languages)
        self._detector: LinguaDetector | None = None

    def _built(self) -> LinguaDetector:
        if self._detector is None:
            from lingua import IsoCode639_1, LanguageDetectorBuilder

            codes = [IsoCode639_1.from_str(code) for code in self._languages]
            if len(codes) < 2:
                raise ValueError("language detection needs at least two languages to "
                                 f"choose from, got {list(self._languages)}")
            self._detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()
        return self._detector

    def detect(self, articles: pl.DataFrame) -> pl.DataFrame:
        """LANGUAGE_SCHEMA rows of `articles` (`article_id`, `text`); language null when
        the text gives no clue (no letters)."""
        if articles.is_empty():
            return pl.DataFrame(schema=LANGUAGE_SCHEMA)
        leads = articles["text"].str.slice(0, DETECT_CHARS).to_list()
        found = self._built().detect_languages_in_parallel_of(leads)
        codes = [None if language is None else language.iso_code_639_1.name.lower()
                 for language in found]
        return pl.DataFrame({"article_id": articles["article_id"], "language": codes},
                            schema=LANGUAGE_SCHEMA)
