"""One amount span's surface text → value, unit, scale word, qualifier and range bounds, or
the reason it stays unparsed (docs/design.md#amounts)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsetl.transforms.amounts.currencies import (
    HUNDREDTHS,
    ISO_ALIASES,
    ISO_CODES,
    MULTIWORD_ADJECTIVES,
    SYMBOLS,
    WORDS,
)
from newsetl.transforms.amounts.numbers import (
    MONEY_ONLY_SCALES,
    PLURAL_SCALES,
    SCALES,
    VAGUE_WORDS,
    digits_value,
    is_number_word,
    words_value,
)
from newsetl.transforms.amounts.tokens import PUNCTUATION, Token, normalized, tokenize
from newsetl.transforms.amounts.units import PERCENT_UNITS, UNITS, unit_name

# spaCy label → `kind`.
KINDS = {"MONEY": "money", "PERCENT": "percent", "QUANTITY": "quantity"}

UNPARSED_REASONS = (
    "range",  # two figures ("$3–5 million"): the bounds are in range_low and range_high
    "vague",  # no exact figure ("millions of dollars", "a few hundred metres")
    "no_figure",  # no number at all
    "ambiguous_currency",  # a marker several currencies share (¥, Rs, "pesos" alone)
    "no_currency",  # money with a figure and no currency marker
    "no_unit",  # a percent without a percent word, a quantity without a unit
    "unreadable",  # figures or number words the rules cannot read
)

_SEPARATORS = frozenset({"-", "–", "—", "to", "and", "or"})
_UNIT_STOP = frozenset({"of", "in", "for", "a", "an", "each", "per", "on", "at", "to"})


@dataclass(frozen=True)
class ParsedAmount:
    """What one span says: a value with its unit, or why there is none."""

    kind: str
    value: float | None = None
    unit: str | None = None
    scale_word: str | None = None
    qualifier: str | None = None
    range_low: float | None = None
    range_high: float | None = None
    unparsed_reason: str | None = None


@dataclass
class _Figure:
    value: float
    raw: float  # before its scale word
    scale_word: str | None
    start: int  # token index
    end: int


def _scale(token: Token | None, kind: str) -> tuple[float, str] | None:
    """The scale a word after digits applies."""
    if token is None or token.kind != "word":
        return None
    if kind != "money" and token.text in MONEY_ONLY_SCALES:
        return None
    return SCALES.get(token.text) or PLURAL_SCALES.get(token.text)


def _figures(tokens: list[Token], kind: str) -> list[_Figure] | None:
    """The figures of the tokens, in order; None when number words do not read."""
    figures: list[_Figure] = []
    at = 0
    while at < len(tokens):
        token = tokens[at]
        following = tokens[at + 1] if at + 1 < len(tokens) else None
        if token.kind == "num":
            end, raw = at + 1, digits_value(token.text)
            if following is not None and following.text == "-" and \
                    _scale(tokens[at + 2] if at + 2 < len(tokens) else None, kind):
                end += 1  # "1.5-billion"
            scale = _scale(tokens[end] if end < len(tokens) else None, kind)
            figures.append(_Figure(raw * scale[0] if scale else raw, raw,
                                   scale[1] if scale else None, at, end + bool(scale)))
            at = end + bool(scale)
            continue
        starts_words = token.kind == "word" and (
            is_number_word(token.text) or token.text == "half"
            or (token.text in ("a", "an") and following is not None
                and following.kind == "word" and is_number_word(following.text)))
        if starts_words:
            end = _word_run_end(tokens, at)
            words = [t.text for t in tokens[at:end]]
            value = words_value(words)
            if value is None:
                return None
            scales = [SCALES[w][1] for w in words[1:] if w in SCALES and w != "hundred"]
            figures.append(_Figure(value, value, scales[-1] if scales else None, at, end))
            at = end
            continue
        at += 1
    return figures


def _word_run_end(tokens: list[Token], at: int) -> int:
    """The end of the number words starting at `at` ("a hundred and fifty thousand")."""
    end = at + 1
    while end < len(tokens) and tokens[end].kind == "word":
        word, previous = tokens[end].text, tokens[end - 1].text
        joins = word == "and" and previous in SCALES and end + 1 < len(tokens) \
            and is_number_word(tokens[end + 1].text)
        if not (is_number_word(word) or joins or (word in ("a", "an") and previous == "half")):
            break
        end += 1
    return end


def _currency(tokens: list[Token], used: set[int]) -> tuple[set[str | None], bool]:
    """The currency codes the tokens name (None for an ambiguous marker), and whether the
    amount is written in hundredths ("50 cents")."""
    words = [t.text for t in tokens if t.kind == "word"]
    joined = " ".join(words)
    adjectives = [a for a in MULTIWORD_ADJECTIVES if re.search(rf"\b{re.escape(a)}\b", joined)]
    adjectives += [w for w in words if w in WORDS["dollar"] or any(w in c for c in WORDS.values())]
    codes: set[str | None] = set()
    hundredths = False
    for index, token in enumerate(tokens):
        if index in used:
            continue
        if token.kind == "cur":
            code = SYMBOLS.get(token.text)
            if token.text == "$":
                named = [WORDS["dollar"][a] for a in adjectives if a in WORDS["dollar"] and a]
                code = named[0] if named else code
            codes.add(code)
        elif token.kind == "word" and token.original.upper() == token.original \
                and (token.original in ISO_CODES or token.original in ISO_ALIASES):
            codes.add(ISO_ALIASES.get(token.original, token.original))
        elif token.kind == "word" and token.text in SYMBOLS:
            codes.add(SYMBOLS[token.text])
        elif token.kind == "word" and token.text in WORDS:
            by_adjective = WORDS[token.text]
            named = [by_adjective[a] for a in adjectives if a in by_adjective and a]
            codes.add(named[0] if named else by_adjective.get(None))
            hundredths = hundredths or token.text in HUNDREDTHS
    if "USD" in codes and len(codes) > 1 and "$" in {t.text for t in tokens}:
        codes.discard("USD")  # "$5 million (US$4 million)" aside, a named dollar wins
    return codes, hundredths


def _percent_unit(tokens: list[Token]) -> str | None:
    texts = [t.text for t in tokens]
    for size in (2, 1):
        for at in range(len(texts) - size + 1):
            unit = PERCENT_UNITS.get(" ".join(texts[at:at + size]))
            if unit:
                return unit
    return None


def _quantity_unit(tokens: list[Token], figures: list[_Figure]) -> str | None:
    after = [t.text for t in tokens[figures[-1].end:] if t.kind == "word"]
    before = [t.text for t in tokens[:figures[0].start] if t.kind == "word"]
    for words in (after, before):
        for size in range(min(len(words), 4), 0, -1):
            if " ".join(words[:size]) in UNITS:
                return UNITS[" ".join(words[:size])]
        kept = []
        for word in words:
            if word in _UNIT_STOP:
                break
            kept.append(word)
        if kept:
            return unit_name(kept)
    return None


@lru_cache(maxsize=65536)
def parse_amount(surface: str, label: str, symbol_before: str = "") -> ParsedAmount:
    """What one MONEY, PERCENT or QUANTITY span says. `symbol_before` is a currency symbol
    right before the span in the text: spaCy often leaves `$` out of a MONEY span."""
    kind = KINDS[label]
    text, qualifier = normalized(surface)
    tokens = tokenize(text)
    if any(t.kind == "other" and t.text not in PUNCTUATION for t in tokens):
        return ParsedAmount(kind, qualifier=qualifier, unparsed_reason="unreadable")
    words = {t.text for t in tokens if t.kind == "word"}
    if words & VAGUE_WORDS and not any(t.kind == "num" for t in tokens):
        return ParsedAmount(kind, qualifier=qualifier, unparsed_reason="vague")
    figures = _figures(tokens, kind)
    if figures is None:
        return ParsedAmount(kind, qualifier=qualifier, unparsed_reason="unreadable")
    if not figures and tokens and tokens[0].text in ("a", "an"):
        figures = [_Figure(1.0, 1.0, None, 0, 1)]  # "a mile", "a dollar"
    if not figures:
        return ParsedAmount(kind, qualifier=qualifier, unparsed_reason="no_figure")
    # "and" joins a range only after "between": "$20 billion and $4 billion" are two amounts.
    separators = _SEPARATORS if re.match(r"\W*between\b", surface, re.IGNORECASE) \
        else _SEPARATORS - {"and"}
    if len(figures) > 1 and not _is_range(tokens, figures, separators):
        return ParsedAmount(kind, qualifier=qualifier, unparsed_reason="unreadable")
    used = {i for f in figures for i in range(f.start, f.end)}
    divisor = 1.0
    if kind == "money":
        before = tokenize(symbol_before.strip().lower())
        codes, hundredths = _currency(before + tokens, {i + len(before) for i in used})
        if not codes and _percent_unit(tokens):
            kind = "percent"  # "84 per cent" labelled MONEY: the text says what it is
        elif not codes and _known_unit(tokens, figures):
            kind = "quantity"  # "115 billion barrels" labelled MONEY
        elif not codes:
            return ParsedAmount(kind, qualifier=qualifier, unparsed_reason="no_currency")
        elif None in codes or len(codes) > 1:
            return ParsedAmount(kind, qualifier=qualifier, unparsed_reason="ambiguous_currency")
        else:
            unit = next(iter(codes))
            divisor = 100.0 if hundredths else 1.0
    if kind == "percent":
        unit = _percent_unit(tokens)
    elif kind == "quantity":
        unit = _quantity_unit(tokens, figures)
    if unit is None:
        return ParsedAmount(kind, qualifier=qualifier, unparsed_reason="no_unit")
    if len(figures) == 1:
        figure = figures[0]
        return ParsedAmount(kind, figure.value / divisor, unit, figure.scale_word, qualifier)
    return _range(kind, figures, unit, divisor, qualifier)


def _known_unit(tokens: list[Token], figures: list[_Figure]) -> bool:
    return any(t.text in UNITS for t in tokens[figures[-1].end:figures[-1].end + 1])


def _is_range(tokens: list[Token], figures: list[_Figure], separators: frozenset[str]) -> bool:
    """Two figures with one separator between them, besides currency, unit and percent
    words: "$3–5 million", "15 percent to 20 percent", "between $3 and $4 million"."""
    if len(figures) != 2:
        return False
    between = [t.text for t in tokens[figures[0].end:figures[1].start]
               if t.kind != "cur" and t.text not in PERCENT_UNITS and t.text not in UNITS
               and t.text not in WORDS]
    return len(between) == 1 and between[0] in separators


def _range(kind: str, figures: list[_Figure], unit: str, divisor: float,
           qualifier: str | None) -> ParsedAmount:
    """The bounds of a range; the second bound's scale word applies to a bare smaller first
    bound ("3–5 million")."""
    low, high = figures
    low_value = low.value
    if low.scale_word is None and high.scale_word is not None and low.raw < high.raw:
        low_value = low.raw * (high.value / high.raw)
    if low_value > high.value:  # "12 percent to 8 percent" is a change, not a range
        return ParsedAmount(kind, unit=unit, qualifier=qualifier, unparsed_reason="unreadable")
    return ParsedAmount(kind, None, unit, high.scale_word, qualifier, low_value / divisor,
                        high.value / divisor, "range")
