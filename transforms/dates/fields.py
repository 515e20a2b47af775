"""What a date mention matched by a pattern means: the fields each kind of match gives.

The fields are those of a `expressions.DateExpression`, as a plain dict, so this module
needs nothing but the vocabulary. Choices: a two-digit year is 20yy up to 2050 and 19yy
after; `'90s` and `the nineties` are 1990s (`'00s`, `'10s` the 2000s and 2010s);
`1800s`/`1900s` read as centuries as often as decades and stay unresolved; seasons are the
northern hemisphere's and resolve to the year they start in; halves resolve to their year.
"""

import re
from collections.abc import Callable

from newsetl.transforms.dates.calendar import ANY_LEAP_YEAR, HOLIDAYS, is_calendar_day
from newsetl.transforms.dates.vocabulary import (
    count_number,
    day_number,
    month_number,
    weekday_number,
)

Fields = dict[str, object]
FieldBuilder = Callable[[re.Match[str], str | None], Fields | None]

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
HOLIDAY_NAMES = {
    "christmas day": "christmas", "xmas": "christmas", "new year": "new year's day",
    "new years day": "new year's day", "new years eve": "new year's eve",
    "valentines day": "valentine's day", "easter sunday": "easter",
    "thanksgiving day": "thanksgiving",
}  # fmt: skip
_HOLIDAY_KEYS = {
    **{name.replace("'", ""): name for name in HOLIDAYS},
    **{alias.replace("'", ""): name for alias, name in HOLIDAY_NAMES.items()},
}

def year_fields(token: str | None) -> Fields:
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
    year = year_fields(year_token)
    anchor = "absolute" if "year" in year else "calendar"
    return {"anchor": anchor, "resolution": resolution, **year, **fields}


def unplaceable(reason: str, *, is_ambiguous: bool = False) -> Fields:
    return {"anchor": "none", "reason": reason, "is_ambiguous": is_ambiguous}


def day_fields(year: int, month: int, day: int, **extra: object) -> Fields:
    if not is_calendar_day(year, month, day):
        return unplaceable("invalid_date")
    return {"anchor": "absolute", "resolution": "day", "year": year, "month": month,
            "day": day, **extra}  # fmt: skip


def iso_date(match: re.Match[str], _order: str | None) -> Fields:
    return day_fields(int(match["year"]), int(match["month"]), int(match["day"]))


def numeric_date(match: re.Match[str], date_order: str | None) -> Fields:
    first, second = int(match["first"]), int(match["second"])
    year = year_fields("'" + match["year"] if len(match["year"]) == 2 else match["year"])["year"]
    readings = {(month, day) for month, day in ((second, first), (first, second))
                if day_fields(year, month, day)["anchor"] == "absolute"}  # fmt: skip
    if len(readings) == 1:
        month, day = readings.pop()
        return day_fields(year, month, day)
    if not readings:
        return unplaceable("invalid_date")
    if date_order is None:
        return unplaceable("ambiguous_numeric", is_ambiguous=True)
    month, day = (second, first) if date_order == "DMY" else (first, second)
    return day_fields(year, month, day, is_ambiguous=True)


def text_day(match: re.Match[str], _order: str | None) -> Fields:
    month = month_number(match["month1"] or match["month2"])
    day = day_number(match["day1"] or match["day2"])
    weekday = weekday_number(match["weekday"]) if match["weekday"] else None
    if not is_calendar_day(ANY_LEAP_YEAR, month, day):
        return unplaceable("invalid_date")
    fields = _dated(match["year"], "day", month=month, day=day, weekday=weekday)
    if fields["anchor"] == "absolute":
        return day_fields(fields["year"], month, day, weekday=weekday)
    if match["post"]:
        return {**fields, "direction": _DIRECTIONS[match["post"]], "direction_follows": True}
    return {**fields, "direction": _DIRECTIONS[match["mod"]]}


def month(match: re.Match[str], _order: str | None) -> Fields:
    fields = _dated(match.groupdict().get("year"), "month", month=month_number(match["month"]))
    return {**fields, "direction": _DIRECTIONS[match.groupdict().get("mod")]}


def weekday(match: re.Match[str], _order: str | None) -> Fields:
    return {"anchor": "calendar", "resolution": "day", "weekday": weekday_number(match["weekday"]),
            "direction": _DIRECTIONS[match["mod"]]}  # fmt: skip


def ordinal_day(match: re.Match[str], _order: str | None) -> Fields:
    weekday = weekday_number(match["weekday"]) if match["weekday"] else None
    return {"anchor": "calendar", "resolution": "day", "day": day_number(match["day"]),
            "weekday": weekday}  # fmt: skip


def relative_day(match: re.Match[str], _order: str | None) -> Fields:
    word = match["word"]
    shift = {"yesterday": -1, "last night": -1, "tomorrow": 1, "day before yesterday": -2,
             "day after tomorrow": 2}.get(word, 0)  # fmt: skip
    return {"anchor": "publication", "resolution": "day", "shift": shift}


def relative_period(match: re.Match[str], _order: str | None) -> Fields:
    unit = match["unit"]
    shift = _RELATIVE_SHIFTS[match["mod"]]
    if unit == "fortnight":
        return {"anchor": "publication", "resolution": "week", "shift": 2 * shift}
    return {"anchor": "publication", "resolution": unit, "shift": shift}


def weekend(match: re.Match[str], _order: str | None) -> Fields:
    return {"anchor": "calendar", "resolution": "week", "weekday": 5,
            "direction": _DIRECTIONS[match["mod"]]}  # fmt: skip


def ago(match: re.Match[str], _order: str | None) -> Fields:
    count = _count(match["count"])
    if count is None:
        return unplaceable("vague")
    resolution, size = _UNITS[match["unit"]]
    if match["unit"] == "hour":
        count, size = count // 24, 1
    sign = -1 if match["direction"] in ("ago", "back", "earlier") else 1
    return {"anchor": "publication", "resolution": resolution, "shift": sign * count * size}


_EVENT_UNITS = {
    "day": ("day", 1), "morning": ("day", 1), "afternoon": ("day", 1), "evening": ("day", 1),
    "night": ("day", 1), "week": ("week", 1), "weekend": ("week", 1), "fortnight": ("week", 2),
    "month": ("month", 1), "year": ("year", 1), "decade": ("year", 10),
}  # fmt: skip
_EVENT_SIGNS = {
    "following": 1, "next": 1, "subsequent": 1, "after": 1, "later": 1, "afterwards": 1,
    "afterward": 1, "previous": -1, "preceding": -1, "prior": -1, "before": -1, "earlier": -1,
    "that": 0, "the same": 0, "that same": 0,
}  # fmt: skip


def event_relative(match: re.Match[str], _order: str | None) -> Fields:
    """A period counted from the date the text last named (`the following day`, `three
    weeks later`, `that year`, `the previous Tuesday`); `mentions` places it."""
    groups = match.groupdict()
    sign = _EVENT_SIGNS[groups["word"]]
    if groups.get("weekday"):
        direction = "future_strict" if sign > 0 else "past_strict"
        return {"anchor": "event", "resolution": "day",
                "weekday": weekday_number(groups["weekday"]), "direction": direction}  # fmt: skip
    count = _count(groups.get("count")) if groups.get("count") else 1
    if count is None:
        return unplaceable("relative_to_event")
    resolution, size = _EVENT_UNITS[groups["unit"]]
    return {"anchor": "event", "resolution": resolution, "shift": sign * count * size}


def _count(token: str | None) -> int | None:
    if token is None:
        return None
    parts = re.split(r"[\s-]+", token.strip())
    numbers = [count_number(part) for part in parts]
    if any(number is None for number in numbers):
        return None
    return sum(numbers)  # "twenty-two", "twenty two"


def year(match: re.Match[str], _order: str | None) -> Fields:
    return {"anchor": "absolute", "resolution": "year", "year": int(match["year"])}


def two_digit_year(match: re.Match[str], _order: str | None) -> Fields:
    return {"anchor": "absolute", "resolution": "year", **year_fields(match[0])}


def decade(match: re.Match[str], _order: str | None) -> Fields:
    if match["word"]:
        start = _WORD_DECADES[match["word"]]
    else:
        digits = match["decade"].lstrip("'")
        start = int(digits) if len(digits) == 4 else int(digits) + (2000 if digits < "20" else 1900)
    if start % 100 == 0 and start < 2000:
        return unplaceable("unsupported_period", is_ambiguous=True)  # the 1800s: a century?
    return {"anchor": "absolute", "resolution": "decade", "year": start}


def quarter(match: re.Match[str], _order: str | None) -> Fields:
    token = match["q"] or match["ordinal"]
    quarter = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4,
               "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}.get(token) or int(token)  # fmt: skip
    if token == "last" and match["year"] is None:
        return {"anchor": "publication", "resolution": "quarter", "shift": -1}
    return {**_dated(match["year"], "quarter", quarter=quarter), "direction": None}


def half(match: re.Match[str], _order: str | None) -> Fields:
    fields = year_fields(match["year"])
    if "year" in fields:
        return {"anchor": "absolute", "resolution": "year", **fields}
    return {"anchor": "publication", "resolution": "year", "shift": fields.get("shift", 0)}


def season(match: re.Match[str], _order: str | None) -> Fields:
    fields = _dated(match["year"], "year", season=_SEASONS[match["season"]])
    return {**fields, "direction": _DIRECTIONS[match["mod"]]}


def holiday(match: re.Match[str], _order: str | None) -> Fields:
    name = _HOLIDAY_KEYS[match["holiday"].replace("'", "")]
    fields = _dated(match["year"], "day", holiday=name)
    if fields["anchor"] == "absolute":
        holiday = HOLIDAYS[name](fields["year"])
        return day_fields(holiday.year, holiday.month, holiday.day)
    return {**fields, "direction": _DIRECTIONS[match["mod"]]}


def fixed(fields: Fields) -> Callable[[re.Match[str], str | None], Fields]:
    return lambda _match, _order: fields
