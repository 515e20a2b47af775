"""Yearless dates that name a famous event rather than a day near publication.

Only one is common enough in English news to matter: "September 11" followed by
"attacks", "terrorist", "hijackings", "Commission" or "victims" (or written "post-September
11", "the attacks of September 11") is 2001-09-11, not the last September 11. Needs the
article text; without it the mention is placed like any other yearless date.
"""

import re
from datetime import date

from newsetl.transforms.dates.expressions import DateExpression

_SEPTEMBER_11 = date(2001, 9, 11)
_AFTER = re.compile(
    r"\W{0,3}(?:terrorist\s+|terror\s+)?(?:attacks?|terror\w*|hijack\w*|commission|victims)\b", re.I
)
_BEFORE = re.compile(r"(?:post-|(?:attacks?|victims|events) of\s+)$", re.I)


def event_date(expression: DateExpression, text: str, start: int, end: int) -> date | None:
    """The date of the famous event a yearless mention names, or None."""
    if expression.anchor != "calendar" or (expression.month, expression.day) != (9, 11):
        return None
    if expression.year_relative or expression.direction is not None:
        return None
    if _AFTER.match(text, end) or _BEFORE.search(text[max(0, start - 20) : start]):
        return _SEPTEMBER_11
    return None
