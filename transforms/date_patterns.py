"""The date patterns a normalized mention is matched against, whole, in order.

Each pattern gives the fields of a `date_expressions.DateExpression` (a plain dict, so this
module needs nothing but the vocabulary). Choices: a two-digit year is 20yy up to 2050 and
19yy after; `'90s` and `the nineties` are 1990s (`'00s`, `'10s` the 2000s and 2010s);
`1800s`/`1900s` read as centuries as often as decades and stay unresolved; seasons are the
northern hemisphere's and resolve to the year they start in; halves resolve to their year.
"""

import re
from collections.abc import Callable
from datetime import date

from newsetl.transforms.date_calendar import HOLIDAYS
from newsetl.transforms.date_vocabulary import (
    DAY_RE,
    MONTH_RE,
    MONTHS,
    WEEKDAY_RE,
    WEEKDAYS,
    YEAR_RE,
    count_number,
    day_number,
    month_number,
    weekday_number,
)

Fields = dict[str, object]

_YEAR = rf"(?P<year>{YEAR_RE}|'\d{{2}}|this year|last year|next year)"
_FULL_MONTH = "|".join(name for name in MONTHS if len(name) > 3 or name == "may")
_SHORT_MONTH = "|".join(name for name in MONTHS if len(name) <= 4)
_FULL_WEEKDAY = "|".join(name for name in WEEKDAYS if name.endswith("day"))
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"
_MODIFIER = r"(?:(?:the\s+)?(?P<mod>last|next|this|past|coming|this past|this coming|upcoming)\s+)?"
_DIRECTIONS = {
    None: None, "last": "past_strict", "past": "past_strict", "this past": "past_strict",
    "next": "future_strict", "coming": "future", "this coming": "future", "upcoming": "future",
    "this": "current", "the": None,
}  # fmt: skip
_RELATIVE_SHIFTS = {
    "last": -1, "past": -1, "this past": -1, "previous": -1,
    "this": 0, "current": 0, "the current": 0, "present": 0, "the present": 0,
    "next": 1, "coming": 1, "the coming": 1, "this coming": 1,
}  # fmt: skip
_UNITS = {
    "second": ("day", 0), "minute": ("day", 0), "hour": ("day", 0), "day": ("day", 1),
    "night": ("day", 1), "week": ("week", 1), "fortnight": ("week", 2), "month": ("month", 1),
    "year": ("year", 1), "decade": ("year", 10), "century": ("year", 100),
}  # fmt: skip
_WORD_DECADES = {
    "twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950,
    "sixties": 1960, "seventies": 1970, "eighties": 1980, "nineties": 1990,
}  # fmt: skip
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_HOLIDAY_NAMES = {
    "christmas day": "christmas", "xmas": "christmas", "new year": "new year's day",
    "new years day": "new year's day", "new years eve": "new year's eve",
    "valentines day": "valentine's day", "easter sunday": "easter",
    "thanksgiving day": "thanksgiving",
}  # fmt: skip
_HOLIDAY_KEYS = {
    **{name.replace("'", ""): name for name in HOLIDAYS},
    **{alias.replace("'", ""): name for alias, name in _HOLIDAY_NAMES.items()},
}
_HOLIDAY_RE = "|".join(
    sorted({*HOLIDAYS, *_HOLIDAY_NAMES}, key=lambda name: (-len(name), name))
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


def _year_fields(token: str | None) -> Fields:
    if token is None:
        return {}
    if token.endswith("year"):
        return {"year_relative": True, "shift": {"this": 0, "last": -1, "next": 1}[token[:4]]}
    if token.startswith("'"):
        two_digits = int(token[1:])
        return {"year": 2000 + two_digits if two_digits <= 50 else 1900 + two_digits}
    return {"year": int(token)}


def _dated(year_token: str | None, resolution: str, **fields: object) -> Fields:
    """Absolute when a year is written, else a calendar occurrence (maybe year-relative)."""
    year = _year_fields(year_token)
    anchor = "absolute" if "year" in year else "calendar"
    return {"anchor": anchor, "resolution": resolution, **year, **fields}


def _unplaceable(reason: str, *, is_ambiguous: bool = False) -> Fields:
    return {"anchor": "none", "reason": reason, "is_ambiguous": is_ambiguous}


def _day(year: int, month: int, day: int, **extra: object) -> Fields:
    try:
        date(year, month, day)
    except ValueError:
        return _unplaceable("invalid_date")
    return {"anchor": "absolute", "resolution": "day", "year": year, "month": month,
            "day": day, **extra}  # fmt: skip


def _iso(match: re.Match[str], _order: str | None) -> Fields:
    return _day(int(match["year"]), int(match["month"]), int(match["day"]))


def _numeric(match: re.Match[str], date_order: str | None) -> Fields:
    first, second = int(match["first"]), int(match["second"])
    year = _year_fields("'" + match["year"] if len(match["year"]) == 2 else match["year"])["year"]
    readings = {(month, day) for month, day in ((second, first), (first, second))
                if _day(year, month, day)["anchor"] == "absolute"}  # fmt: skip
    if len(readings) == 1:
        month, day = readings.pop()
        return _day(year, month, day)
    if not readings:
        return _unplaceable("invalid_date")
    if date_order is None:
        return _unplaceable("ambiguous_numeric", is_ambiguous=True)
    month, day = (second, first) if date_order == "DMY" else (first, second)
    return _day(year, month, day, is_ambiguous=True)


def _text_day(match: re.Match[str], _order: str | None) -> Fields:
    month = month_number(match["month1"] or match["month2"])
    day = day_number(match["day1"] or match["day2"])
    weekday = weekday_number(match["weekday"]) if match["weekday"] else None
    if not 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
        return _unplaceable("invalid_date")
    fields = _dated(match["year"], "day", month=month, day=day, weekday=weekday)
    if fields["anchor"] == "absolute":
        return _day(fields["year"], month, day, weekday=weekday)
    return {**fields, "direction": _DIRECTIONS[match["mod"]]}


def _month(match: re.Match[str], _order: str | None) -> Fields:
    fields = _dated(match.groupdict().get("year"), "month", month=month_number(match["month"]))
    return {**fields, "direction": _DIRECTIONS[match.groupdict().get("mod")]}


def _weekday(match: re.Match[str], _order: str | None) -> Fields:
    return {"anchor": "calendar", "resolution": "day", "weekday": weekday_number(match["weekday"]),
            "direction": _DIRECTIONS[match["mod"]]}  # fmt: skip


def _ordinal_day(match: re.Match[str], _order: str | None) -> Fields:
    weekday = weekday_number(match["weekday"]) if match["weekday"] else None
    return {"anchor": "calendar", "resolution": "day", "day": day_number(match["day"]),
            "weekday": weekday}  # fmt: skip


def _relative_day(match: re.Match[str], _order: str | None) -> Fields:
    word = match["word"]
    shift = {"yesterday": -1, "last night": -1, "tomorrow": 1, "day before yesterday": -2,
             "day after tomorrow": 2}.get(word, 0)  # fmt: skip
    return {"anchor": "publication", "resolution": "day", "shift": shift}


def _relative_period(match: re.Match[str], _order: str | None) -> Fields:
    unit = match["unit"]
    shift = _RELATIVE_SHIFTS[match["mod"]]
    if unit == "fortnight":
        return {"anchor": "publication", "resolution": "week", "shift": 2 * shift}
    return {"anchor": "publication", "resolution": unit, "shift": shift}


def _weekend(match: re.Match[str], _order: str | None) -> Fields:
    return {"anchor": "calendar", "resolution": "week", "weekday": 5,
            "direction": _DIRECTIONS[match["mod"]]}  # fmt: skip


def _ago(match: re.Match[str], _order: str | None) -> Fields:
    count = _count(match["count"])
    if count is None:
        return _unplaceable("vague")
    resolution, size = _UNITS[match["unit"]]
    if match["unit"] == "hour":
        count, size = count // 24, 1
    sign = -1 if match["direction"] in ("ago", "back", "earlier") else 1
    return {"anchor": "publication", "resolution": resolution, "shift": sign * count * size}


def _count(token: str | None) -> int | None:
    if token is None:
        return None
    parts = re.split(r"[\s-]+", token.strip())
    numbers = [count_number(part) for part in parts]
    if any(number is None for number in numbers):
        return None
    return sum(numbers)  # "twenty-two", "twenty two"


def _year(match: re.Match[str], _order: str | None) -> Fields:
    return {"anchor": "absolute", "resolution": "year", "year": int(match["year"])}


def _decade(match: re.Match[str], _order: str | None) -> Fields:
    if match["word"]:
        start = _WORD_DECADES[match["word"]]
    else:
        digits = match["decade"].lstrip("'")
        start = int(digits) if len(digits) == 4 else int(digits) + (2000 if digits < "20" else 1900)
    if start % 100 == 0 and start < 2000:
        return _unplaceable("unsupported_period", is_ambiguous=True)  # the 1800s: a century?
    return {"anchor": "absolute", "resolution": "decade", "year": start}


def _quarter(match: re.Match[str], _order: str | None) -> Fields:
    token = match["q"] or match["ordinal"]
    quarter = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4,
               "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}.get(token) or int(token)  # fmt: skip
    if token == "last" and match["year"] is None:
        return {"anchor": "publication", "resolution": "quarter", "shift": -1}
    return {**_dated(match["year"], "quarter", quarter=quarter), "direction": None}


def _half(match: re.Match[str], _order: str | None) -> Fields:
    fields = _year_fields(match["year"])
    if "year" in fields:
        return {"anchor": "absolute", "resolution": "year", **fields}
    return {"anchor": "publication", "resolution": "year", "shift": fields.get("shift", 0)}


def _season(match: re.Match[str], _order: str | None) -> Fields:
    fields = _dated(match["year"], "year", season=_SEASONS[match["season"]])
    return {**fields, "direction": _DIRECTIONS[match["mod"]]}


def _holiday(match: re.Match[str], _order: str | None) -> Fields:
    name = _HOLIDAY_KEYS[match["holiday"].replace("'", "")]
    fields = _dated(match["year"], "day", holiday=name)
    if fields["anchor"] == "absolute":
        holiday = HOLIDAYS[name](fields["year"])
        return _day(holiday.year, holiday.month, holiday.day)
    return {**fields, "direction": _DIRECTIONS[match["mod"]]}


def _fixed(fields: Fields) -> Callable[[re.Match[str], str | None], Fields]:
    return lambda _match, _order: fields


_DAY_RANGE = rf"(?:\s*(?:-|to|and|through|&)\s*(?:the\s+)?{DAY_RE}\b)?"
_TEXT_DAY = (
    rf"{_MODIFIER}(?:(?P<weekday>{WEEKDAY_RE}){_PART_OF_DAY},?\s+)?(?:the\s+)?"
    rf"(?:(?P<day1>{DAY_RE}){_DAY_RANGE}(?:\s+of)?\s+(?P<month1>{MONTH_RE})"
    rf"|(?P<month2>{MONTH_RE})\s+(?:the\s+)?(?P<day2>{DAY_RE}){_DAY_RANGE})"
    rf"(?:,?\s+(?:of\s+)?{_YEAR})?"
)
_COUNT = r"(?P<count>[\d,]+|[a-z]+(?:[\s-][a-z]+)?|a few|a couple of|several|some|many)"
_UNIT = r"(?P<unit>second|minute|hour|day|night|week|fortnight|month|year|decade|century)s?"
_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str], str | None], Fields | None]]] = [
    (re.compile(p), build)
    for p, build in [
        (r".*\b(?:fiscal|fy\s*\d+|financial year)\b.*", _fixed(_unplaceable("unsupported_period"))),
        (r"9/11", _fixed(_day(2001, 9, 11))),
        (r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})", _iso),
        (
            r"(?P<first>\d{1,2})(?P<sep>[/.-])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})",
            _numeric,
        ),
        (_TEXT_DAY, _text_day),
        (rf"(?P<month>{MONTH_RE}),?\s+(?:of\s+)?{_YEAR}", _month),
        (rf"{_MODIFIER}(?P<month>{_FULL_MONTH}|(?:{_SHORT_MONTH})\.)", _month),
        (rf"{_MODIFIER}(?P<weekday>{_FULL_WEEKDAY}){_PART_OF_DAY}", _weekday),
        (
            rf"(?:(?P<weekday>{_FULL_WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>\d{{1,2}}(?:st|nd|rd|th))",
            _ordinal_day,
        ),
        (
            rf"(?:the\s+)?(?P<word>today|tonight|yesterday|tomorrow|last night"
            rf"|day before yesterday|day after tomorrow){_PART_OF_DAY}",
            _relative_day,
        ),
        (r"(?P<word>this) (?:morning|afternoon|evening)", _relative_day),
        (
            r"(?P<mod>last|this|next|current|the current|this past|this coming|coming|the coming|"
            r"present|the present)\s+(?P<unit>week|month|year|quarter|decade|fortnight)",
            _relative_period,
        ),
        (
            r"(?:the\s+)?(?:(?P<mod>last|next|this|past|this past|this coming|coming)\s+)?weekend",
            _weekend,
        ),
        (
            r"(?:the\s+)?(?:past|last|previous) quarter",
            _fixed({"anchor": "publication", "resolution": "quarter", "shift": -1}),
        ),
        (
            r"'(?P<year>\d{2})",
            lambda match, _order: {
                "anchor": "absolute",
                "resolution": "year",
                **_year_fields(match[0]),
            },
        ),
        (
            rf"(?:(?:more than|less than|over|under|some|exactly|only|just|barely|about|nearly|"
            rf"almost|around|roughly)\s+)?(?:{_COUNT}\s+)?{_UNIT}\s+"
            rf"(?P<direction>ago|from now|hence|back)",
            _ago,
        ),
        (
            rf"(?:the\s+)?(?:calendar\s+)?(?:year\s+)?(?P<year>{YEAR_RE})(?:\s*(?:ad|a\.d\.|ce))?",
            _year,
        ),
        (rf"(?P<year>{YEAR_RE})\s*[-/]\s*(?:\d{{2}}|{YEAR_RE})", _year),
        (
            r"(?:the\s+)?(?:(?P<decade>(?:1[0-9]|20)\d0|'?\d0)'?s|(?P<word>twenties|thirties|"
            r"forties|fifties|sixties|seventies|eighties|nineties))",
            _decade,
        ),
        (
            rf"(?:the\s+)?(?:q(?P<q>[1-4])|(?P<ordinal>first|second|third|fourth|final|last|1st|2nd|"
            rf"3rd|4th)[\s-]+quarter)(?:,?\s*(?:of\s+)?(?:the\s+)?{_YEAR})?",
            _quarter,
        ),
        (
            rf"(?:the\s+)?(?:first|second|1st|2nd|latter|last)\s+half(?:\s+of)?"
            rf"(?:\s+(?:the\s+year|{_YEAR}))?",
            _half,
        ),
        (rf"h[12]\s*{_YEAR}", _half),
        (
            rf"{_MODIFIER}(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)"
            rf"(?:\s+(?:of\s+)?{_YEAR})?",
            _season,
        ),
        (rf"{_MODIFIER}(?P<holiday>{_HOLIDAY_RE})(?:\s+(?:of\s+)?{_YEAR})?", _holiday),
        (
            r"(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?|this|last|next|past|"
            r"previous)\s+(?:century|millenn?ium)",
            _fixed(_unplaceable("unsupported_period")),
        ),
        (
            r"(?:the\s+)?(?:new\s+)?(?:century|millenn?ium)|\d+\s*(?:bc|bce|b\.c\.)",
            _fixed(_unplaceable("unsupported_period")),
        ),
    ]
]
