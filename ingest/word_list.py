"""Frequent English words from pyspellchecker's English frequency list (in its wheel, read
from the installed package: no network).

Imported only when reference data is loaded, i.e. when a run has articles to tag.
"""

from importlib.metadata import version

# The rule looks at no shorter word, so the list keeps none.
from newsetl.transforms.entities.common_words import MIN_WORD_CHARS

COMMON_WORD_COUNT = 40_000  # the most frequent words of the list (~160,000 in 0.9.1)


def word_list_version() -> str:
    return f"pyspellchecker {version('pyspellchecker')}"


def load_common_words(count: int = COMMON_WORD_COUNT) -> frozenset[str]:
    """The `count` most frequent alphabetic English words of the list, lower case (about
    0.3 s: the list is a gzip'd JSON of word counts)."""
    from spellchecker import SpellChecker

    frequencies = SpellChecker(language="en", distance=1).word_frequency.dictionary
    ranked = sorted(
        (word for word in frequencies if word.isalpha() and len(word) >= MIN_WORD_CHARS),
        key=lambda word: (-frequencies[word], word),
    )
    return frozenset(ranked[:count])
