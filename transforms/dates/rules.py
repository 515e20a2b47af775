"""Date expressions found by regular expressions, for those spaCy's `DATE` misses or cuts
short (`7th October`, `2024-02-17`, `02/03/2024`, `three years ago`, `the 1990s`).

Month and weekday names must be capitalised; a lone month needs a preceding preposition
or modifier (`in May`, `last November`), and a lone year one of `in`, `since`, `by`, …, so
"May" the verb and "2008 people" are not taken. Text inside a URL is skipped. Sentence
numbers come from a simple splitter (full stop, question or exclamation mark followed by
space and a capital, or a newline; common abbreviations excepted); when a rule span
overlaps a spaCy span, `merge_date_candidates` keeps spaCy's sentence number.
"""

import bisect
import re

from newsetl.transforms.dates.vocabulary import (
    CAPITALISED_LONG_MONTH_RE,
    CAPITALISED_MONTH_RE,
    DAY_RE,
    TEXT_YEAR_RE,
    WEEKDAYS,
)

_MONTH, _FULL_MONTH = CAPITALISED_MONTH_RE, CAPITALISED_LONG_MONTH_RE
_DAY, _YEAR = DAY_RE, TEXT_YEAR_RE
_WEEKDAY = "(?:" + "|".join(name.capitalize() for name in WEEKDAYS if name.endswith("day")) + ")"
_COUNT = (
    r"(?:\d+|[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|"
    r"[Tt]en|[Tt]welve|[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|[Hh]undred)"
)
_MOD = r"(?i:last|next|this|this past|this coming|early|late|mid-?|earlier this|later this)"
_PREPOSITION = r"(?:[Ii]n|[Ss]ince|[Uu]ntil|by|[Dd]uring|of|from|before|after|throughout)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"

_RULES = [
    re.compile(pattern)
    for pattern in (
        r"\b\d{4}-\d{2}-\d{2}\b",
        r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b|\b\d{1,2}([.-])\d{1,2}\1\d{4}\b",
        rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}(?:\s+day)?(?:\s+of)?\s+{_MONTH}"
        rf"(?:,?\s+{_YEAR}\b|\.?,?\s+(?:last|next)\b(?!\s+(?i:\w*day|week|month|year|time))|\b)",
        rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b(?!\s*[:.]\d)(?:,?\s+{_YEAR}\b)?",
        rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b",
        rf"\b(?:{_PREPOSITION}\s+(?P<d>{_FULL_MONTH})|{_MOD}\s+{_FULL_MONTH})\b(?!\s+\d)",
        rf"(?:\b(?:{_MOD})\s+)?\b{_WEEKDAY}\b{_PART}",
        r"\b(?i:the day before yesterday|the day after tomorrow|yesterday|today|tomorrow|"
        r"tonight|last night|this (?:morning|afternoon|evening))\b",
        r"\b(?i:(?:earlier |later )?(?:last|this|next) (?:week|month|year|weekend|quarter))\b",
        # Counted from the text's last date; spaCy often leaves these out or cuts them to a
        # duration ("five days" of "five days later").
        r"\b(?i:the (?:following|next|previous|preceding) (?:day|morning|afternoon|evening|"
        r"night)|the (?:following|previous|preceding) (?:week|month|year)|the (?:day|night) "
        r"(?:before|after)|(?:later|earlier) (?:that|the same) (?:day|week|month|year))\b",
        rf"\b(?:{_COUNT}|(?i:a couple of|a few|several))\s+"
        r"(?i:days?|weeks?|months?|years?|decades?)\s+(?i:later|earlier|afterwards)\b",
        r"(?<![\d/])\b9/11\b(?!/\d)",
        rf"\b(?:{_COUNT}|(?i:a couple of|a few|several))\s+"
        r"(?i:days?|weeks?|months?|years?|decades?)\s+(?i:ago)\b",
        r"\b(?:(?i:the)\s+)?(?:(?i:early|late)\s+|(?i:mid)-?)?(?:1[5-9]\d0|20[0-9]0)s\b|'\d0s\b",
        rf"\bQ[1-4](?:\s+{_YEAR})?\b|\b(?:(?i:the)\s+)?(?i:first|second|third|fourth)[\s-]"
        rf"(?i:quarter)(?:\s+of)?(?:\s+{_YEAR}\b)?",
        rf"\b(?:{_PREPOSITION}\s+(?P<d>{_YEAR})|(?i:early|late)\s+{_YEAR}|(?i:mid)-{_YEAR})"
        rf"\b(?![-/]\d|s\b|,\d)",
    )
]
_URL = re.compile(r"(?:https?://|www\.)\S+")
_SENTENCE_BREAK = re.compile(
    r"(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Lt|No|vs|Co|Mt))(?<!\b(?:Mrs|Gen|Sen|Rep|Gov|Col|"
    r"Inc|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|etc))(?<!\bCapt|\bProf|\bCorp|\bSept)"
    r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n+"
)


def find_rule_spans(text: str) -> list[tuple[int, int, str, int]]:
    """(start, end, surface, sentence index) of non-overlapping rule matches in `text`,
    longest first among overlaps, in text order."""
    urls = [match.span() for match in _URL.finditer(text)]
    found = []
    for rule in _RULES:
        for match in rule.finditer(text):
            start, end = match.span("d") if match.groupdict().get("d") else match.span()
            surface = text[start:end].strip()
            start = start + text[start:end].index(surface) if surface else start
            if surface and not any(u_start < start + len(surface) and start < u_end
                                   for u_start, u_end in urls):  # fmt: skip
                found.append((start, start + len(surface)))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(found), key=lambda span: (span[0] - span[1], span[0])):
        if all(end <= k_start or k_end <= start for k_start, k_end in kept):
            kept.append((start, end))
    starts = sentence_starts(text)
    return [
        (start, end, text[start:end], bisect.bisect_right(starts, start) - 1)
        for start, end in sorted(kept)
    ]


def sentence_starts(text: str) -> list[int]:
    """Character offsets where sentences start (the first is 0)."""
    return [0, *(match.end() for match in _SENTENCE_BREAK.finditer(text))]
