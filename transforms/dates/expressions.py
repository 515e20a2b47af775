"""What a date mention's words say, before any reference date is known.

`interpret(surface)` reads one candidate span (spaCy `DATE` or a rule match) into a
`DateExpression`: a kind (`date`, or one of the non-dates that are dropped: `duration`,
`age`, `frequency`, `not_a_date`), and for dates how to find the period (anchor):

- `absolute`: the words name the period (`March 5, 2009`, `the 1990s`, `Q3 2024`);
- `publication`: a shift from the publication's period (`yesterday`, `last week`,
  `three years ago`);
- `calendar`: a recurring period whose occurrence the reference date picks (`Tuesday`,
  `7th October`, `March`, `Christmas`, `the third quarter`);
- `event`: a period counted from the date the text last named (`the following day`,
  `three weeks later`, `that year`, `the previous Tuesday`);
- `none`: a date mention that cannot be placed, with a `reason`.
"""

import html
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from newsetl.transforms.dates.calendar import Resolution
from newsetl.transforms.dates.kinds import classify_non_date
from newsetl.transforms.dates.patterns import match_date

Kind = Literal["date", "duration", "age", "frequency", "not_a_date"]
Anchor = Literal["absolute", "publication", "calendar", "event", "none"]
Direction = Literal["past", "past_strict", "future", "future_strict", "current"]


@dataclass(frozen=True)
class DateExpression:
    """A date mention's meaning relative to an as yet unknown publication date."""

    kind: Kind = "date"
    anchor: Anchor = "none"
    resolution: Resolution | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    quarter: int | None = None
    season: int | None = None  # the season's first month (northern hemisphere)
    holiday: str | None = None  # a key of calendar.HOLIDAYS
    shift: int = 0  # publication, event: periods from the reference's; calendar: years
    year_relative: bool = False  # calendar: the year is the publication's plus `shift`
    direction: Direction | None = None  # calendar, event weekday: "last", "next", "following"
    # The direction word follows the date, in the formal style of decrees and letters ("the
    # 12th of October last"): counted from the story's date when the text has one.
    direction_follows: bool = False
    reason: str | None = None  # anchor none: why it cannot be placed
    is_ambiguous: bool = False  # the words allow two readings (e.g. 02/03/2024)


_MARKUP = re.compile(r"<!--.*?(?:-->|$)|<[^>]*>|'{2,}|&[a-z]+;?|\[\[|\]\]", re.DOTALL)
_FILLER = re.compile(
    r"^(?:on|in|at|by|since|until|till|from|during|of|about|around|approximately|roughly|"
    r"circa|c\.|nearly|almost|just|only|as of|as early as|as late as|at least|at most|"
    r"no later than|as recently as|before|after|prior to|throughout|between|sometime in|"
    r"some time in|starting|beginning|ending|effective|dated)\s+"
)
_COARSENING = re.compile(
    r"^(?:(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle|end|beginning|start|close|turn|dawn)"
    r"(?:\s+(?:part|days|weeks|months))?(?:\s+of\s+|\s+in\s+|\s*-\s*|\s+)"
    r"|(?:the\s+)?(?:first|last|final|closing|opening|early|latter)\s+(?:[\w-]+\s+)?"
    r"(?:days?|weeks?|months?|part|half)\s+of\s+"
    r"|(?:the\s+)?(?:same period|same time|this time|month of|year of|week of|weekend of)"
    r"(?:\s+of\s+|\s+in\s+|\s+)"
    r"|(?:earlier|later)\s+(?:on\s+|in\s+)?)"
)
_SPAN_PUNCTUATION = ' \t\r\n,.;:!?()[]{}"“”‘’|*=-–—'
_MAX_SUBSPAN_TOKENS = 12


def interpret(surface: str, date_order: str | None = None) -> DateExpression:
    """The meaning of one date-mention span; deterministic and independent of any clock."""
    cores = _cores(normalize_surface(surface))
    for core in cores:
        found = match_date(core, date_order)
        if found is not None:
            return DateExpression(**found)
    for core in cores:
        non_date = classify_non_date(core)
        if non_date is not None:
            return DateExpression(kind=non_date[0], reason=non_date[1])
    text = cores[0]
    return _from_range(text, date_order) or _from_part(text, date_order) or _UNRECOGNIZED


def normalize_surface(surface: str) -> str:
    """Lower case, without markup, entities, doubled spaces or surrounding punctuation."""
    text = _MARKUP.sub(" ", html.unescape(surface)).lower()
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "\u00a0": " "}))
    text = re.sub(r"\s+", " ", text).strip(_SPAN_PUNCTUATION)
    text = re.sub(r"\s+([,.])", r"\1", text)  # "May 14 , 2005"
    text = re.sub(r"(\d0)'s\b", r"\1s", text)  # "the 80's"
    text = re.sub(r"'s?$", "", text)  # "Saturday's", "the 1990s'"
    if text.startswith("'") and not re.match(r"'\d\ds?$", text):
        text = text.lstrip("'")
    return text.strip(_SPAN_PUNCTUATION)


def _cores(text: str) -> list[str]:
    """The text, then the text without each leading filler ("on", "about") or coarsening
    phrase ("early", "the end of"); after a coarsening phrase a bare "the year" is this year."""
    cores = [text]
    while text:
        stripped = _FILLER.sub("", text, count=1)
        if stripped == text:
            coarse = _COARSENING.sub("", text, count=1)
            stripped = _current_period(coarse) if coarse != text else text
        stripped = stripped.strip(_SPAN_PUNCTUATION)
        if stripped == text or not stripped:
            break
        cores.append(stripped)
        text = stripped
    return cores


def _interpret_text(text: str, date_order: str | None) -> DateExpression | None:
    """A date pattern matching the whole text, after fillers and coarsening words."""
    for core in _cores(text):
        found = match_date(core, date_order)
        if found is not None:
            return DateExpression(**found)
    return None


def _current_period(text: str) -> str:
    """After "the end of", "earlier in", … a bare "the year/month/week" is the current one."""
    return re.sub(r"^(?:the|this)\s+(year|month|week|quarter)$", r"this \1", text)


_RANGE = re.compile(
    r"\s*(?:-|/|&|\bto\b|\bthrough\b|\bthru\b|\buntil\b|\btill\b|\band\b|\bor\b)\s*"
)


def _from_range(text: str, date_order: str | None) -> DateExpression | None:
    """A range or list ("2005-2006", "between January and July 2004"): its first member,
    taking a missing year from the last member."""
    pieces = [piece.strip(_SPAN_PUNCTUATION) for piece in _RANGE.split(text, maxsplit=1)]
    if len(pieces) != 2 or not pieces[0]:
        return None
    first = _interpret_text(re.sub(r"^(?:between|from)\s+", "", pieces[0]), date_order)
    if first is None or first.anchor == "none":
        return None
    last = _interpret_text(pieces[1], date_order) if pieces[1] else None
    if (
        first.anchor == "calendar"
        and first.month is not None
        and last is not None
        and last.anchor == "absolute"
        and last.year is not None
        and last.month is not None
        and first.month <= last.month
    ):
        return _with_year(first, last.year)
    return first


def _with_year(expression: DateExpression, year: int) -> DateExpression:
    if expression.day is not None:
        try:
            date(year, expression.month, expression.day)
        except ValueError:
            return DateExpression(anchor="none", reason="invalid_date")
    return replace(expression, anchor="absolute", year=year)


def _from_part(text: str, date_order: str | None) -> DateExpression | None:
    """The longest run of words that is a placeable date (`today, November 13, 2004`,
    `an interview last week`); a lone month or day of month is too weak to be taken."""
    tokens = text.split()
    if len(tokens) > _MAX_SUBSPAN_TOKENS:
        return None
    for size in range(len(tokens) - 1, 0, -1):
        parts = [" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]
        found = []
        for part in parts:
            part = part.strip(_SPAN_PUNCTUATION)
            expression = _interpret_text(part, date_order) if part else None
            if expression is not None and _is_strong(expression):
                found.append((len(part), expression))
        if found:
            return max(found, key=lambda item: item[0])[1]
    return None


def _is_strong(expression: DateExpression) -> bool:
    """Placeable, and not a lone month or day of month (`May`, `the 15th`), which inside
    other words are too often something else."""
    if expression.anchor != "calendar":
        return expression.anchor != "none"
    lone_month = expression.month is not None and expression.day is None
    lone_day = expression.day is not None and expression.month is None
    return expression.weekday is not None or not (lone_month or lone_day)


_UNRECOGNIZED = DateExpression(anchor="none", reason="unrecognized")
