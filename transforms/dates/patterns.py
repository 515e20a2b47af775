"""The date patterns a normalized mention is matched against, whole, in order.

Each pattern has the builder of the fields its match gives (`fields`).
"""

import re

from newsetl.transforms.dates import fields as f
from newsetl.transforms.dates.calendar import HOLIDAYS
from newsetl.transforms.dates.fields import FieldBuilder, Fields
from newsetl.transforms.dates.vocabulary import (
    DAY_RE,
    MONTH_ABBREVIATION_ALTERNATION,
    MONTH_NAME_ALTERNATION,
    MONTH_RE,
    WEEKDAY_RE,
    WEEKDAYS,
    YEAR_RE,
)

_YEAR = rf"(?P<year>{YEAR_RE}|'\d{{2}}|this year|last year|next year)"
_FULL_WEEKDAY = "|".join(name for name in WEEKDAYS if name.endswith("day"))
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"
_MODIFIER = r"(?:(?:the\s+)?(?P<mod>last|next|this|past|coming|this past|this coming|upcoming)\s+)?"
_HOLIDAY_RE = "|".join(
    sorted({*HOLIDAYS, *f.HOLIDAY_NAMES}, key=lambda name: (-len(name), name))
).replace("'", "'?")


def match_date(text: str, date_order: str | None) -> Fields | None:
    """The fields of the first pattern matching all of `text`, or None."""
    for pattern, build in _PATTERNS:
        match = pattern.fullmatch(text)
        if match is not None:
            fields = build(match, date_order)
            if fields is not None:
                return fields
    return None


_DAY_RANGE = rf"(?:\s*(?:-|to|and|through|&)\s*(?:the\s+)?{DAY_RE}\b)?"
_TEXT_DAY = (
    rf"{_MODIFIER}(?:(?P<weekday>{WEEKDAY_RE}){_PART_OF_DAY},?\s+)?(?:the\s+)?"
    rf"(?:(?P<day1>{DAY_RE}){_DAY_RANGE}(?:\s+day)?(?:\s+of)?\s+(?P<month1>{MONTH_RE})"
    rf"|(?P<month2>{MONTH_RE})\s+(?:the\s+)?(?P<day2>{DAY_RE}){_DAY_RANGE})"
    rf"(?:,?\s+(?:of\s+)?{_YEAR}|,?\s+(?P<post>last|next))?"  # "the 12th of October last"
)
_EVENT_DAY_PART = r"day|morning|afternoon|evening|night"
_COUNT = r"(?P<count>[\d,]+|[a-z]+(?:[\s-][a-z]+)?|a few|a couple of|several|some|many)"
_UNIT = r"(?P<unit>second|minute|hour|day|night|week|fortnight|month|year|decade|century)s?"
_PATTERNS: list[tuple[re.Pattern[str], FieldBuilder]] = [
    (re.compile(p), build)
    for p, build in [
        (
            r".*\b(?:fiscal|fy\s*\d+|financial year)\b.*",
            f.fixed(f.unplaceable("unsupported_period")),
        ),
        (r"9/11", f.fixed(f.day_fields(2001, 9, 11))),
        (r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})", f.iso_date),
        (
            r"(?P<first>\d{1,2})(?P<sep>[/.-])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})",
            f.numeric_date,
        ),
        (_TEXT_DAY, f.text_day),
        (rf"(?P<month>{MONTH_RE}),?\s+(?:of\s+)?{_YEAR}", f.month),
        (
            rf"{_MODIFIER}(?P<month>{MONTH_NAME_ALTERNATION}|(?:{MONTH_ABBREVIATION_ALTERNATION})\.)",
            f.month,
        ),
        (rf"{_MODIFIER}(?P<weekday>{_FULL_WEEKDAY}){_PART_OF_DAY}", f.weekday),
        (
            rf"(?:(?P<weekday>{_FULL_WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>\d{{1,2}}(?:st|nd|rd|th))",
            f.ordinal_day,
        ),
        (
            rf"(?:the\s+)?(?P<word>today|tonight|yesterday|tomorrow|last night"
            rf"|day before yesterday|day after tomorrow){_PART_OF_DAY}",
            f.relative_day,
        ),
        (r"(?P<word>this) (?:morning|afternoon|evening)", f.relative_day),
        (
            r"(?P<mod>last|this|next|current|the current|this past|this coming|coming|the coming|"
            r"present|the present)\s+(?P<unit>week|month|year|quarter|decade|fortnight)",
            f.relative_period,
        ),
        (
            r"(?:the\s+)?(?:(?P<mod>last|next|this|past|this past|this coming|coming)\s+)?weekend",
            f.weekend,
        ),
        (
            r"(?:the\s+)?(?:past|last|previous) quarter",
            f.fixed({"anchor": "publication", "resolution": "quarter", "shift": -1}),
        ),
        (
            r"'(?P<year>\d{2})",
            f.two_digit_year,
        ),
        (
            rf"(?:(?:more than|less than|over|under|some|exactly|only|just|barely|about|nearly|"
            rf"almost|around|roughly)\s+)?(?:{_COUNT}\s+)?{_UNIT}\s+"
            rf"(?P<direction>ago|from now|hence|back)",
            f.ago,
        ),
        # Counted from the date the text last named (see `fields.event_relative`).
        (
            rf"(?:the\s+)?(?P<word>following|next|subsequent|previous|preceding|prior)\s+"
            rf"(?:(?P<unit>{_EVENT_DAY_PART})|(?P<weekday>{_FULL_WEEKDAY}))",
            f.event_relative,
        ),
        (
            r"(?:the\s+)?(?P<word>following|subsequent|previous|preceding|prior)\s+"
            r"(?P<unit>week|weekend|month|year)",
            f.event_relative,
        ),
        (rf"(?:the\s+)?(?P<unit>{_EVENT_DAY_PART})\s+(?P<word>before|after)", f.event_relative),
        (
            r"(?:the\s+)?(?P<unit>week|month|year)\s+(?P<word>before|after|earlier|later)",
            f.event_relative,
        ),
        (
            rf"(?P<word>that|the same|that same)\s+(?P<unit>{_EVENT_DAY_PART}|week|month|year)",
            f.event_relative,
        ),
        (
            rf"(?:(?:some|about|nearly|almost|around|roughly|exactly|only|just|barely)\s+)?"
            rf"{_COUNT}\s+(?P<unit>day|night|week|fortnight|month|year|decade)s?\s+"
            rf"(?P<word>later|earlier|before|after|afterwards?)",
            f.event_relative,
        ),
        (
            rf"(?:the\s+)?(?:calendar\s+)?(?:year\s+)?(?P<year>{YEAR_RE})(?:\s*(?:ad|a\.d\.|ce))?",
            f.year,
        ),
        (rf"(?P<year>{YEAR_RE})\s*[-/]\s*(?:\d{{2}}|{YEAR_RE})", f.year),
        (
            r"(?:the\s+)?(?:(?P<decade>(?:1[0-9]|20)\d0|'?\d0)'?s|(?P<word>twenties|thirties|"
            r"forties|fifties|sixties|seventies|eighties|nineties))",
            f.decade,
        ),
        (
            rf"(?:the\s+)?(?:q(?P<q>[1-4])|(?P<ordinal>first|second|third|fourth|final|last|1st|2nd|"
            rf"3rd|4th)[\s-]+quarter)(?:,?\s*(?:of\s+)?(?:the\s+)?{_YEAR})?",
            f.quarter,
        ),
        (
            rf"(?:the\s+)?(?:first|second|1st|2nd|latter|last)\s+half(?:\s+of)?"
            rf"(?:\s+(?:the\s+year|{_YEAR}))?",
            f.half,
        ),
        (rf"h[12]\s*{_YEAR}", f.half),
        (
            rf"{_MODIFIER}(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)"
            rf"(?:\s+(?:of\s+)?{_YEAR})?",
            f.season,
        ),
        (rf"{_MODIFIER}(?P<holiday>{_HOLIDAY_RE})(?:\s+(?:of\s+)?{_YEAR})?", f.holiday),
        (
            r"(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?|this|last|next|past|"
            r"previous)\s+(?:century|millenn?ium)",
            f.fixed(f.unplaceable("unsupported_period")),
        ),
        (
            r"(?:the\s+)?(?:new\s+)?(?:century|millenn?ium)|\d+\s*(?:bc|bce|b\.c\.)",
            f.fixed(f.unplaceable("unsupported_period")),
        ),
    ]
]
