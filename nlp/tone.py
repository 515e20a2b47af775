"""Sentence tone from VADER's lexicon and rules (`vadersentiment`; the lexicon ships inside
the package, nothing is downloaded). English only: the lexicon and its rules are English.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

TONE_LANGUAGE = "en"
SCORER_VERSION = f"vadersentiment-{version('vadersentiment')}"


def load_tone_scorer() -> SentimentIntensityAnalyzer:
    """VADER's analyser (reads its lexicon from the package, ~0.06 s)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_tone(scorer: SentimentIntensityAnalyzer, sentence: str) -> float:
    """VADER's compound score of one sentence, in [-1, 1]."""
    return float(scorer.polarity_scores(sentence)["compound"])
