"""Calendar arithmetic for dates: valid days, periods and their first days, holidays.

A period is named by its first day and a resolution: `day`, `week` (Monday start),
`month`, `quarter`, `year` or `decade`.
"""

from datetime import date, timedelta
from typing import Literal

Resolution = Literal["day", "week", "month", "quarter", "year", "decade"]
RESOLUTIONS: tuple[Resolution, ...] = ("day", "week", "month", "quarter", "year", "decade")


# A yearless day (`October 7`, `February 29`) is checked against a leap year.
ANY_LEAP_YEAR = 2000


def is_calendar_day(year: int, month: int, day: int) -> bool:
    """Whether `year-month-day` is a real calendar date (month 1–12, day within the month)."""
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def period_start(day: date, resolution: Resolution) -> date:
    """The first day of the period of `resolution` that contains `day`."""
    if resolution == "day":
        return day
    if resolution == "week":
        return day - timedelta(days=day.weekday())
    if resolution == "month":
        return day.replace(day=1)
    if resolution == "quarter":
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if resolution == "year":
        return date(day.year, 1, 1)
    return date(day.year // 10 * 10, 1, 1)


def shift_period(start: date, resolution: Resolution, periods: int) -> date:
    """The first day of the period `periods` periods after the one starting at `start`."""
    if resolution == "day":
        return start + timedelta(days=periods)
    if resolution == "week":
        return start + timedelta(weeks=periods)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}[resolution] * periods
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_end(start: date, resolution: Resolution) -> date:
    """The last day of the period starting at `start`."""
    return shift_period(start, resolution, 1) - timedelta(days=1)


def easter_sunday(year: int) -> date:
    """Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _thanksgiving(year: int) -> date:
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)  # fourth Thursday


HOLIDAYS = {
    "christmas": lambda year: date(year, 12, 25),
    "christmas eve": lambda year: date(year, 12, 24),
    "boxing day": lambda year: date(year, 12, 26),
    "new year's eve": lambda year: date(year, 12, 31),
    "new year's day": lambda year: date(year, 1, 1),
    "valentine's day": lambda year: date(year, 2, 14),
    "halloween": lambda year: date(year, 10, 31),
    "easter": easter_sunday,
    "good friday": lambda year: easter_sunday(year) - timedelta(days=2),
    "easter monday": lambda year: easter_sunday(year) + timedelta(days=1),
    "thanksgiving": _thanksgiving,
}
