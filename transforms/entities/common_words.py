"""Rule 0d: a frequent English word capitalised only because it opens a sentence or a line.

spaCy's small model tags some sentence-initial common words as names ("Normalcy returned",
"Albeit limited, …", a line "Browsing the catalog …"). When the article also writes the word
in lower case, `context` already marks it (`lowercase_in_text`); this rule marks the words
it writes only capitalised, and only at a sentence or line start, when the word is one of
the frequent English words of the shipped word list (`common_words`, lower case). The
normalizer then drops such a span as a common noun unless a longer name of the article
contains the word ("Will" of "Will Smith") or the reference data or gazetteer knows it.
A word the article also writes capitalised inside a sentence ("Wilson's wife", "eBay") is a
name there and is kept, and so is one a verb of speech follows ("Schneider said", the span's
`speaker`), one with a possessive ("Delay's representative") and one followed by a comma
and a capitalised word ("Christie, Agatha.": a family name in a reading list).

An abbreviation of a common noun ("GDP", "VAT", "CPU", "HIV", "PhD": `GENERIC_ABBREVIATIONS`)
is marked wherever it stands: spaCy's small model calls many of them organisations, and no
text writes their long form capitalised. Only those no organisation or place is known by
("GM", "ETA", "MA" and "AI" are left out).
"""

from __future__ import annotations

import re

import polars as pl

from newsetl.transforms.entities.context import PERSON_TITLES

# Only one-word, title-case spans of these labels can be such a word (spaCy's usual guesses;
# not NORP: "Democratic Senator …", "European markets" are capitalised adjectives of names).
MARKED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
MIN_WORD_CHARS = 3
# What may stand between a sentence or line end and the sentence's first word: spaces,
# quotes, brackets, a bullet ('helps.” Nah, …', '\n* Browsing …').
_BETWEEN = " \t\"'“‘”’()[]*•–—-"
_SENTENCE_END = ".!?:\n"
_WORD_BEFORE_DOT = re.compile(r"(?:^|[^\w.])([A-Za-z]+)\.$")
# What follows a name, not a common word: a possessive ("Delay's representative"), or a
# comma and a given name ("Christie, Agatha. The Mysterious Affair …", a reading list).
_NAME_AFTER = re.compile(r"['’]s\b|,[ \t]+[A-Z][a-z]+\b")
GENERIC_ABBREVIATIONS = frozenset((
    "GDP", "GNP", "VAT", "CFO", "COO", "CTO", "CPU", "GPU", "LCD", "LED", "DVD", "HDTV", "USB",
    "PDF", "HTML", "XML", "URL", "GPS", "SMS", "ATM", "DNA", "RNA", "HIV", "AIDS", "MRI",
    "ICU", "IQ", "UFO", "SUV", "WMD", "IED", "UAV", "POW", "VIP", "NGO", "MEP", "PhD", "MBA",
    "VoIP", "ISP", "GMO", "VHF", "UHF", "LNG", "LPG", "MP3",
))  # fmt: skip


def opens_sentence(text: str, start: int) -> bool:
    """The character at `start` begins the text, a line or a sentence (after opening quotes,
    brackets or a bullet)."""
    before = text[max(0, start - 40):start].rstrip(_BETWEEN)
    if not before:
        return True
    if before[-1] != ".":
        return before[-1] in _SENTENCE_END
    abbreviation = _WORD_BEFORE_DOT.search(before)  # "Mr. Kelly", "J. Kelly": no sentence end
    return abbreviation is None or not (
        abbreviation.group(1).lower() in PERSON_TITLES or len(abbreviation.group(1)) == 1)


def _only_at_starts(text: str, word: str) -> bool:
    """Every `word` of the text not written in lower case ("Wilson's", "eBay") opens a
    sentence."""
    pattern = re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", re.IGNORECASE)
    lower = word.lower()
    return all(match.group(0) == lower or opens_sentence(text, match.start())
               for match in pattern.finditer(text))


def mark_common_words(spans: pl.DataFrame, texts: pl.DataFrame,
                      common_words: frozenset[str]) -> pl.DataFrame:
    """`spans` (SPAN_CONTEXT_SCHEMA) with `lowercase_in_text` also set on one-word spans that
    are a frequent English word written capitalised only at sentence or line starts of
    `texts` (`article_id`, `text`), and on abbreviations of common nouns."""
    if spans.height == 0:
        return spans
    words = spans["surface_text"].to_list()
    labels = spans["label"].to_list()
    marked = [flag or _generic_abbreviation(word)
              for flag, word in zip(spans["lowercase_in_text"].to_list(), words, strict=True)]
    candidates = [
        i for i, word in enumerate(words)
        if not marked[i] and labels[i] in MARKED_LABELS and len(word) >= MIN_WORD_CHARS
        and word.isalpha() and word[0].isupper() and word[1:].islower()
        and word.lower() in common_words
    ] if common_words else []
    if not candidates:
        return spans.with_columns(pl.Series("lowercase_in_text", marked, dtype=pl.Boolean))
    text_of = dict(zip(texts["article_id"], texts["text"], strict=True))
    article_ids, starts = spans["article_id"].to_list(), spans["start_char"].to_list()
    ends, speakers = spans["end_char"].to_list(), spans["speaker"].to_list()
    verdicts: dict[tuple[str, str], bool] = {}
    flags = list(marked)
    for i in candidates:
        text = text_of.get(article_ids[i])
        if (not text or speakers[i] or not opens_sentence(text, starts[i])
                or _NAME_AFTER.match(text, ends[i])):
            continue
        key = (article_ids[i], words[i])
        if key not in verdicts:
            verdicts[key] = _only_at_starts(text, words[i])
        flags[i] = verdicts[key]
    return spans.with_columns(pl.Series("lowercase_in_text", flags, dtype=pl.Boolean))


def _generic_abbreviation(surface: str) -> bool:
    """ "GDP", "the ATMs", "an NGO's", "PhD": an abbreviation of a common noun."""
    word = surface.removeprefix("the ").removesuffix("'s").removesuffix("’s")
    return word in GENERIC_ABBREVIATIONS or (
        word.endswith("s") and word[:-1] in GENERIC_ABBREVIATIONS)
