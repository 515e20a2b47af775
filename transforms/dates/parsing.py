"""One raw publication-time string → one UTC instant, or the reason it is not one.

Explicit formats are tried in a fixed order (epochs, ISO 8601, numeric dates, RFC 2822 and
English long forms); `dateparser` is the last resort, for other wordings and languages, and
is never allowed to fill a missing part or resolve a relative word. Nothing here reads the
wall clock, so the same input always gives the same output.

Choices:
- A date without a time has precision `day` and stands for 00:00 UTC of that calendar date:
  a calendar date is not shifted by `naive_timezone`, so `published_date` is the date written.
- A naive time of day is read in `naive_timezone`; a wall time that occurs twice at a DST
  change is the earlier instant, one skipped by a DST change is `invalid_date`.
- A numeric day/month pair that reads both ways (`02/03/2024`) needs `date_order`; when one
  reading is impossible (`13/03/2024`) the other is taken whatever `date_order` says.
- A named weekday that contradicts the date (`Monday, March 5, 2009`) is `invalid_date`.
- Two-digit years (`05/03/09`) are `ambiguous_date`: the century is a guess.
"""

import html
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from newsetl.transforms.dates.calendar import is_calendar_day
from newsetl.transforms.dates.vocabulary import (
    DAY_RE,
    MONTH_RE,
    RFC2822_ZONES,
    WEEKDAY_RE,
    day_number,
    month_number,
    weekday_number,
)

Precision = Literal["day", "time"]
Problem = Literal["invalid_date", "ambiguous_date"]
DATE_ORDERS = (None, "DMY", "MDY")


@dataclass(frozen=True)
class ParsedTimestamp:
    """A parsed publication time: `value` is tz-aware UTC, or None with a `problem`."""

    value: datetime | None
    precision: Precision | None  # None exactly when value is None
    problem: Problem | None = None
    detail: str | None = None


@dataclass(frozen=True)
class _Fields:
    """What a format found, before calendar checks."""

    year: int
    month: int
    day: int
    clock: tuple[int, int, int, int] | None = None  # hour, minute, second, microsecond
    offset_minutes: int | None = None  # None: naive
    weekday: int | None = None


class _RejectedError(Exception):
    """A format recognised the value and found it wrong (carries the problem)."""

    def __init__(self, problem: Problem, detail: str) -> None:
        super().__init__(detail)
        self.problem = problem
        self.detail = detail


_MARKUP = re.compile(r"<!--.*?-->|<[^>]*>|'{2,}", re.DOTALL)
_LABEL = re.compile(r"^(?:published|posted|updated|date)(?:\s+on)?\s*:?\s*")
_RELATIVE_WORDS = re.compile(
    r"\b(?:ago|yesterday|today|tonight|tomorrow|now|last|next|this|past|previous|"
    r"coming|hence|later|earlier|before|after|since|in\s+\d+)\b"
)
_ZONE = rf"(?P<zone>[+-]\d{{2}}(?::?\d{{2}})?|{'|'.join(RFC2822_ZONES)})\b"
_CLOCK = (
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?)?"
    r"\s*(?P<meridiem>[ap]\.?m\.?)?"
)
_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[t ]\s*(?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?"
    r"\s*(?P<zone>z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?)?"
)
_BASIC_ISO = re.compile(
    r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})"
    r"(?:t(?P<hour>\d{2})(?P<minute>\d{2})(?P<second>\d{2})?(?:[.,](?P<fraction>\d{1,9}))?"
    r"(?P<zone>z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_YMD = re.compile(r"(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})")
_NUMERIC = re.compile(
    rf"(?P<first>\d{{1,2}})(?P<sep>[/.-])(?P<second_>\d{{1,2}})(?P=sep)(?P<year>\d{{4}}|\d{{2}})"
    rf"(?:(?:\s+|,\s*|t)(?:at\s+)?{_CLOCK}(?:\s+{_ZONE})?)?"
)
_LONG = re.compile(
    rf"(?:(?P<weekday>{WEEKDAY_RE}),?\s+)?"
    rf"(?:(?:the\s+)?(?P<day1>{DAY_RE})(?:\s+of)?\s+(?P<month1>{MONTH_RE})"
    rf"|(?P<month2>{MONTH_RE})\s+(?P<day2>{DAY_RE}))"
    rf",?\s+(?P<year>\d{{4}})"
    rf"(?:(?:,|\s+at|\s+-)?\s+{_CLOCK})?(?:\s+{_ZONE})?(?:\s+\([a-z ]+\))?"
)
_DATEPARSER_BASE = datetime(2000, 1, 1)  # never used: relative words are refused first


def parse_timestamp(
    raw: str, naive_timezone: str = "UTC", *, date_order: str | None = None
) -> ParsedTimestamp:
    """Parse one publication time; never guesses a missing part or an ambiguous order."""
    if date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {DATE_ORDERS}, not {date_order!r}")
    zone = _zone(naive_timezone)
    text = _LABEL.sub("", clean_raw_date(raw))
    if not text:
        return ParsedTimestamp(None, None, "invalid_date", "no date in the value")
    try:
        fields = _explicit_fields(text, date_order)
        if fields is None:
            return _with_dateparser(text, naive_timezone, date_order)
        return _build(fields, zone)
    except _RejectedError as rejected:
        return ParsedTimestamp(None, None, rejected.problem, rejected.detail)


def clean_raw_date(raw: str) -> str:
    """Lower-cased value without wiki/HTML markup, entities or surrounding punctuation."""
    text = _MARKUP.sub(" ", html.unescape(raw)).replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip(" \t\r\n\"'“”‘’.,;:|()[]{}")
    return text.lower()


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)  # unknown names raise: a configuration error, not a data problem


def _explicit_fields(text: str, date_order: str | None) -> _Fields | None:
    if text.isdigit():
        return _digits(text)
    if match := re.fullmatch(r"(\d{9,10})[.,](\d{1,6})", text):
        return _epoch(int(match[1]), int(match[2].ljust(6, "0")))
    for pattern in (_ISO, _BASIC_ISO, _YMD):
        if match := pattern.fullmatch(text):
            return _from_match(match, int(match["month"]), int(match["day"]))
    if match := _NUMERIC.fullmatch(text):
        month, day = _numeric_order(match, date_order)
        return _from_match(match, month, day)
    if match := _LONG.fullmatch(text):
        month = month_number(match["month1"] or match["month2"])
        fields = _from_match(match, month, day_number(match["day1"] or match["day2"]))
        if match["weekday"]:
            return _Fields(**{**fields.__dict__, "weekday": weekday_number(match["weekday"])})
        return fields
    return None


def _digits(text: str) -> _Fields:
    if len(text) == 8:
        return _Fields(int(text[:4]), int(text[4:6]), int(text[6:]))
    if len(text) == 13:
        return _epoch(int(text) // 1000, int(text) % 1000 * 1000)
    if len(text) in (9, 10):
        return _epoch(int(text), 0)
    raise _RejectedError(
        "invalid_date", f"a {len(text)}-digit number is neither a date nor an epoch"
    )


def _epoch(seconds: int, microseconds: int) -> _Fields:
    moment = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)
    clock = (moment.hour, moment.minute, moment.second, microseconds)
    return _Fields(moment.year, moment.month, moment.day, clock, 0)


def _numeric_order(match: re.Match[str], date_order: str | None) -> tuple[int, int]:
    # Not `fields.numeric_date`: that one drops impossible readings first (`0/5/2024` is
    # invalid there, ambiguous here) and takes two-digit years; merging would change results.
    first, second = int(match["first"]), int(match["second_"])
    if len(match["year"]) == 2:
        raise _RejectedError("ambiguous_date", f"two-digit year in {match[0]!r}")
    dmy_possible, mdy_possible = second <= 12, first <= 12
    if first == second or not (dmy_possible and mdy_possible):
        return (second, first) if dmy_possible else (first, second)
    if date_order is None:
        raise _RejectedError(
            "ambiguous_date",
            f"{match[0]!r} reads as day/month or month/day and no date order is declared",
        )
    return (second, first) if date_order == "DMY" else (first, second)


def _from_match(match: re.Match[str], month: int, day: int) -> _Fields:
    groups = match.groupdict()
    clock = None
    if groups.get("hour") is not None:
        clock = _clock(groups)
    offset = _offset_minutes(groups.get("zone"))
    if offset is not None and clock is None:
        raise _RejectedError("invalid_date", "a time zone without a time of day")
    return _Fields(int(groups["year"]), month, day, clock, offset)


def _clock(groups: dict[str, str | None]) -> tuple[int, int, int, int]:
    hour = int(groups["hour"] or 0)
    minute, second = int(groups.get("minute") or 0), int(groups.get("second") or 0)
    microsecond = int((groups.get("fraction") or "0")[:6].ljust(6, "0"))
    if meridiem := groups.get("meridiem"):
        if not 1 <= hour <= 12:
            raise _RejectedError("invalid_date", f"hour {hour} with {meridiem}")
        hour = hour % 12 + (12 if meridiem.startswith("p") else 0)
    elif groups.get("minute") is None:
        raise _RejectedError("invalid_date", "an hour without minutes or am/pm")
    return hour, minute, second, microsecond


def _offset_minutes(zone: str | None) -> int | None:
    if zone is None:
        return None
    if zone in RFC2822_ZONES:
        return RFC2822_ZONES[zone]
    if match := re.fullmatch(r"([+-])(\d{2}):?(\d{2})?", zone):
        hours, minutes = int(match[2]), int(match[3] or 0)
        if hours > 18 or minutes > 59:
            raise _RejectedError("invalid_date", f"UTC offset {zone!r} out of range")
        return (1 if match[1] == "+" else -1) * (hours * 60 + minutes)
    raise _RejectedError("invalid_date", f"unknown time zone abbreviation {zone.upper()!r}")


def _build(fields: _Fields, zone: ZoneInfo) -> ParsedTimestamp:
    if not is_calendar_day(fields.year, fields.month, fields.day):
        stated = f"{fields.year:04d}-{fields.month:02d}-{fields.day:02d}"
        raise _RejectedError("invalid_date", f"{stated} is not a calendar date")
    day = date(fields.year, fields.month, fields.day)
    if fields.weekday is not None and fields.weekday != day.weekday():
        raise _RejectedError(
            "invalid_date", f"the weekday named does not fall on {day.isoformat()}"
        )
    if fields.clock is None:
        return ParsedTimestamp(datetime(day.year, day.month, day.day, tzinfo=UTC), "day")
    try:
        local = datetime(day.year, day.month, day.day, *fields.clock)
    except ValueError:
        raise _RejectedError("invalid_date", f"{fields.clock[:3]} is not a time of day") from None
    if fields.offset_minutes is not None:
        aware = local.replace(tzinfo=timezone(timedelta(minutes=fields.offset_minutes)))
    else:
        aware = local.replace(tzinfo=zone)
        if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local:
            raise _RejectedError(
                "invalid_date", f"{local.isoformat()} does not exist in {zone.key}"
            )
    try:
        return ParsedTimestamp(aware.astimezone(UTC), "time")
    except OverflowError:
        raise _RejectedError("invalid_date", "out of the representable range") from None


def _with_dateparser(text: str, naive_timezone: str, date_order: str | None) -> ParsedTimestamp:
    """The last resort; refuses relative wordings and any result it had to complete."""
    if not re.search(r"[^\W\d_]", text) or _RELATIVE_WORDS.search(text):
        raise _RejectedError("invalid_date", "not a recognised absolute date")
    import dateparser  # slow to import: only the rare value that reaches here pays for it

    settings = {
        "RELATIVE_BASE": _DATEPARSER_BASE,
        "PREFER_DAY_OF_MONTH": "first",
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": naive_timezone,
        "PREFER_DATES_FROM": "past",
    }
    if date_order:
        settings["DATE_ORDER"] = date_order
    try:
        parsed = dateparser.parse(text, settings=settings)
    except Exception as error:  # a third-party parser on untrusted text: any error is a miss
        raise _RejectedError("invalid_date", f"unparseable ({type(error).__name__})") from None
    if parsed is None or not _written_in(parsed, text):
        raise _RejectedError("invalid_date", "not a recognised absolute date")
    has_clock = re.search(r"\d:\d\d|\d\s*[ap]\.?m\b", text) is not None
    if not has_clock:
        return ParsedTimestamp(datetime(parsed.year, parsed.month, parsed.day, tzinfo=UTC), "day")
    return ParsedTimestamp(parsed.astimezone(UTC), "time")


def _written_in(parsed: datetime, text: str) -> bool:
    """Whether the year and day came from the text (dateparser may have converted the
    written time to `naive_timezone`, moving it across midnight)."""
    numbers = {int(number) for number in re.findall(r"\d+", text)}
    return any(
        moment.year in numbers and moment.day in numbers
        for moment in (parsed - timedelta(days=1), parsed, parsed + timedelta(days=1))
    )
