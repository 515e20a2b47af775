"""English words for dates, shared by the publication-time parser and the mention resolver.

Only data and tiny lookups live here: month and weekday names, number words, the time
zone abbreviations RFC 2822 defines, and the regular-expression fragments built from them.
"""

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tues": 1, "tue": 1,
    "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip

ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip

# Offsets from UTC in minutes for the zone names RFC 2822 (section 4.3) defines.
RFC2822_ZONES: dict[str, int] = {
    "ut": 0, "utc": 0, "gmt": 0, "z": 0,
    "est": -300, "edt": -240, "cst": -360, "cdt": -300,
    "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
}  # fmt: skip


def _alternation(words: dict[str, int]) -> str:
    # Longest first, so "sept" wins over "sep" and "march" over "mar".
    return "|".join(sorted(words, key=lambda word: (-len(word), word)))


# Lower-case fragments (match against lower-cased text). A month or weekday abbreviation
# may carry a full stop ("Sept.", "Thu.").
MONTH_RE = rf"(?:{_alternation(MONTHS)})\.?"
WEEKDAY_RE = rf"(?:{_alternation(WEEKDAYS)})\.?"
NUMBER_WORD_RE = rf"(?:{_alternation(NUMBER_WORDS)})"
DAY_RE = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR_RE = r"(?:1[0-9]{3}|2[01][0-9]{2})"  # 1000–2199: the years news writes in four digits
# Bare alternations (no group) for the mention patterns: the month names a lone month is
# written as ("may" and every name over three letters), and the forms that are abbreviations.
MONTH_NAME_ALTERNATION = "|".join(name for name in MONTHS if len(name) > 3 or name == "may")
MONTH_ABBREVIATION_ALTERNATION = "|".join(name for name in MONTHS if len(name) <= 4)

# Case-sensitive fragments for finding dates in running text as written: a month name
# capitalised (a short form may carry a full stop); a lone month only in its long form (over
# four letters, or May); a year 1500–2199.
CAPITALISED_MONTH_RE = "(?:" + "|".join(
    sorted((name.capitalize() + ("\\.?" if len(name) <= 4 and name != "may" else "")
            for name in MONTHS), key=len, reverse=True)
) + ")"  # fmt: skip
CAPITALISED_LONG_MONTH_RE = (
    "(?:" + "|".join(name.capitalize() for name in MONTHS if len(name) > 4 or name == "may") + ")"
)
TEXT_YEAR_RE = r"(?:1[5-9][0-9]{2}|20[0-9]{2}|21[0-9]{2})"


def month_number(word: str) -> int:
    """1–12 for an English month name or abbreviation (full stop allowed)."""
    return MONTHS[word.lower().rstrip(".")]


def weekday_number(word: str) -> int:
    """0 (Monday) – 6 (Sunday) for an English weekday name or abbreviation."""
    return WEEKDAYS[word.lower().rstrip(".")]


def day_number(token: str) -> int:
    """The day of month in `7`, `07` or `7th`."""
    return int(re.sub(r"(?:st|nd|rd|th)$", "", token.lower()))


def count_number(token: str) -> int | None:
    """A count written as digits (`3`, `2,000`) or as an English word (`three`, `a`)."""
    token = token.lower().replace(",", "")
    if token.isdigit():
        return int(token)
    return NUMBER_WORDS.get(token)
