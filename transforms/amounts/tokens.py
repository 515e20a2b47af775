"""Amount spans as tokens: qualifier words taken off ("about", "more than", "or so"),
fractions and "per cent" normalised, then currency symbols, digits, words and punctuation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsetl.transforms.amounts.currencies import SYMBOLS
from newsetl.transforms.amounts.numbers import is_number_word

# Leading words that qualify the figure → `qualifier` (the figure itself stays as written).
_QUALIFIERS = {
    "approximate": ("about", "around", "approximately", "approx.", "approx", "roughly",
                    "some", "an estimated", "estimated", "circa", "close to", "or so"),
    "more_than": ("more than", "over", "above", "at least", "upwards of", "in excess of",
                  "just over", "greater than", "exceeding", "well over", "or more", "plus"),
    "less_than": ("less than", "under", "below", "up to", "nearly", "almost", "fewer than",
                  "just under", "as much as", "as many as", "as high as", "or less"),
}
_QUALIFIER_OF = {phrase: name for name, phrases in _QUALIFIERS.items() for phrase in phrases}
_LEADING = re.compile(
    r"^(?:(?P<qualifier>" + "|".join(
        re.escape(p) for p in sorted(_QUALIFIER_OF, key=len, reverse=True)
        if not p.startswith("or ") and p != "plus")
    + r")|the|a further|an additional|another|only|just|a total of|total|a record|a mere|"
    r"between|from|us)\s+", re.IGNORECASE)
_TRAILING = re.compile(r"[\s-]+(?P<qualifier>or more|or so|or less|plus)$|(?P<plus>\+)$",
                       re.IGNORECASE)
_TOKEN = re.compile(
    r"(?P<cur>(?:[a-z]{1,3}|u\.s\.|mex|cdn)\$|\$(?:us|a|nz|c|hk)?(?![a-z])|[£€¥₹₩₽₺₱₦₪฿])"
    r"|(?P<num>(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+)"
    r"|(?P<word>[a-z°²³]+(?:[-'./][a-z²³]+)*\.?)"
    r"|(?P<other>\S)",
    re.IGNORECASE,
)
_FRACTIONS = {"½": "0.5", "¼": "0.25", "¾": "0.75"}
# Punctuation a span may hold; any other symbol (a table's `|`, a clock's `:`) is unreadable.
PUNCTUATION = frozenset("-–—,()'\".%/+")

@dataclass
class Token:
    kind: str  # cur, num, word, other
    text: str  # lower case; words without a final dot
    original: str


def normalized(surface: str) -> tuple[str, str | None]:
    """The text without its leading and trailing qualifiers, and the qualifier."""
    text = " ".join(surface.replace("\u2019", "'").split())
    text = re.sub(r"\bper[\s-]cent\b", "percent", text, flags=re.IGNORECASE)
    text = re.sub(r"(\d)([½¼¾])", lambda m: m.group(1) + _FRACTIONS[m.group(2)][1:], text)
    text = re.sub(r"[½¼¾]", lambda m: _FRACTIONS[m.group()], text)
    qualifier = None
    while match := _LEADING.match(text):
        if match.group("qualifier") and qualifier is None:
            qualifier = _QUALIFIER_OF[match.group("qualifier").lower()]
        text = text[match.end():]
    if match := _TRAILING.search(text):
        qualifier = qualifier or ("more_than" if match.group("plus")
                                  else _QUALIFIER_OF[match.group("qualifier").lower()])
        text = text[:match.start()]
    return text, qualifier


def tokenize(text: str) -> list[Token]:
    """The tokens of a normalized span, words lower-cased; "seven-foot" is two."""
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        original = match.group()
        lowered = original.lower()
        if kind == "word" and lowered.endswith(".") and lowered not in SYMBOLS \
                and lowered != "u.s.":
            lowered = lowered[:-1]
        parts = lowered.split("-")
        if kind == "word" and len(parts) > 1 and is_number_word(parts[0]) \
                and not is_number_word(lowered):  # "seven-foot", "forty-percent"
            count = next(n for n, part in enumerate(parts) if not is_number_word(part))
            number, rest = "-".join(parts[:count]), "-".join(parts[count:])
            tokens.append(Token("word", number, number))
            tokens.append(Token("word", rest, rest))
            continue
        tokens.append(Token(kind, lowered, original))
    return tokens
