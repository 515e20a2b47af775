"""Which date a mention is read against: the publication date, or the date the text's own
story has reached (the narrative date).

An article's mentions are read in text order. Words relative to the present (`yesterday`,
`last week`, `three years ago`, `March last year`) always count from the publication date,
and so do weekdays (`on Tuesday`): in news they are near publication whatever year the text
talked about before. The text sets two references as it goes:

- the narrative date: the last explicit date or year written before the mention (`In 1831,
  …`, `on 4 July 1831`, `in February 1860`), in the same or any earlier sentence. It is
  only taken when its year differs from the publication's; a date in the publication's
  year, or words relative to the present, hand the text back to the publication date.
  A recurring period named without a year (`July 14`, `30 May`, `October`, `the 12th of
  October`) is then placed against it instead of the publication date: within that year
  when the narrative date is a year, else the nearest occurrence (so a story moving from
  `28 December 1831` to `3 January` reaches 1832), and the narrative moves on to it. A bare
  year only sets the narrative after a preposition (`in 1998`, `by 1859`): `a 2016 study`,
  `(Smith, 2016)` or `since 2001` name a year, not when the story is. A date said in the
  future tense (`will meet on March 5`) stays with the publication date. One right after
  `since` (`since March`, `since early May`) is the last such period before publication,
  however near the next one is.

  Scope: in a text that speaks from its publication date anywhere (`yesterday`, `on
  Tuesday`, `next May`, a date in the publication's year: news), another year holds only
  for the sentence that wrote it, each yearless date read against it renewing that: on
  1,500 Wikinews articles, a yearless date one sentence or more after another year was in
  the publication's year more often than in that one ("… from January 1999 to June 1999
  in Kosovo. After fleeing, he surrendered on April 22." in an article of April 2005),
  and so was one before the text's first word from the present. A yearless period the
  words tie to the last year named stays in that year wherever it is: `that summer`,
  `April 13 of that year`. A text that never speaks from its publication (a biography, a
  history) stays in the story's years until it writes another. There a direction word
  after a day (`the 12th of October last`, `the 1st of February next`: the formal style
  of decrees and letters a history quotes) counts from the story's date too; before a day
  (`last July`) it always counts from the publication.
- the last period named: any mention resolved so far, whatever its anchor. Counted from
  it: `the following day`, `the next morning`, `two years later`, `that year`, `the
  previous Tuesday` (`event` expressions). "N days before/after" followed by more words
  (`five days before his death`) counts from that event, not from the text's last date,
  and stays unresolved, as does anything without a reference, or with one coarser than
  itself (`the next day` after `in 1998`): `relative_to_event`.

`anchor` on each result says what the mention was read against: `absolute` (the words
name the period), `publication`, `narrative` (the narrative date or the last period
named), or None when it is unresolved.
"""

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from newsetl.transforms.dates.calendar import Resolution, is_calendar_day
from newsetl.transforms.dates.events import event_date
from newsetl.transforms.dates.expressions import DateExpression
from newsetl.transforms.dates.resolution import Resolved, resolve, resolve_from_event
from newsetl.transforms.dates.tense import follows_since, tense_around

MentionAnchor = Literal["absolute", "publication", "narrative"]

_NARRATIVE_RESOLUTIONS = ("day", "week", "month", "quarter", "year")
_NEWS_NARRATIVE_SENTENCES = 0
# "that summer", "April 13 of that year": a yearless period in the year the text last named.
_THAT_BEFORE = re.compile(r"(?:that|the same|that same)\s", re.IGNORECASE)
_OF_THAT_YEAR = re.compile(r",?\s+of\s+(?:that|the same|that same)\s+year\b", re.IGNORECASE)
_YEAR_PREPOSITION = re.compile(
    r"\b(?:in|by|during|from|after|before|around|circa|c\.|early|late|mid-?"
    r"|(?:spring|summer|autumn|fall|winter|end|year|beginning) of)\s*$",
    re.IGNORECASE,
)
# "five days before his death": the words after "before"/"after" name the event counted from.
_OBJECT_AFTER = re.compile(r"[ \t]*[\w(\"'“‘]")
_COUNTS_FROM_WORDS = re.compile(r"\b(?:before|after)$", re.IGNORECASE)


@dataclass
class Story:
    """What one article's text has said so far; `place` each mention in text order."""

    published: date | None
    narrative: tuple[date, Resolution] | None = None
    narrative_sentence: int = 0  # where the narrative date was last written or followed
    speaks_from_publication: bool = False  # "yesterday", "on Tuesday", a date this year
    last_named: tuple[date, Resolution] | None = None
    sentence: int = 0

    def place(
        self,
        meaning: DateExpression,
        text: str | None,
        start: int | None,
        end: int | None,
        sentence: int | None = None,
    ) -> tuple[Resolved, MentionAnchor | None]:
        """Where the mention `text[start:end]` (in sentence `sentence`) with `meaning`
        lands, and what it was read against; the story moves on with it."""
        self.sentence = sentence if sentence is not None else self.sentence
        placed, anchor = self._read(meaning, text, start, end)
        if placed.resolved_date is not None:
            self.last_named = (placed.resolved_date, placed.resolution)
            self._move_narrative(meaning, placed, anchor, text, start, end)
        return placed, (anchor if placed.resolved_date is not None else None)

    def _read(
        self, meaning: DateExpression, text: str | None, start: int | None, end: int | None
    ) -> tuple[Resolved, MentionAnchor]:
        if meaning.anchor == "event":
            if text and end is not None and _counts_from_following_words(text, start, end):
                return Resolved(None, None, "relative_to_event"), "narrative"
            reference, resolution = self.last_named or (None, None)
            return resolve_from_event(meaning, reference, resolution), "narrative"
        if meaning.anchor == "absolute":
            return resolve(meaning, self.published), "absolute"
        if meaning.anchor == "calendar" and text and start is not None and end is not None:
            event = event_date(meaning, text, start, end)
            if event is not None:
                return Resolved(event, "day", None), "absolute"
            if self.last_named is not None and _in_the_year_last_named(meaning, text, start, end):
                return _against_narrative(meaning, self.last_named[0], "year"), "narrative"
        formal = meaning.direction_follows and not self.speaks_from_publication
        if (
            self._narrative_in_force()
            and (_follows_narrative(meaning) or formal)
            and not (text and start is not None and tense_around(text, start, end) == "future")
        ):
            placed = _against_narrative(meaning, *self.narrative)
            if meaning.weekday is None or placed.resolved_date is None or (
                placed.resolved_date.weekday() == meaning.weekday
            ):
                return placed, "narrative"
        return _against_publication(meaning, self.published, text, start, end), "publication"

    def _narrative_in_force(self) -> bool:
        """A text that speaks from its publication date (news) keeps another year only for
        the sentence that wrote it; one that never does (a biography, a history) stays in it
        until it writes another."""
        if self.narrative is None:
            return False
        if not self.speaks_from_publication:
            return True
        return self.sentence - self.narrative_sentence <= _NEWS_NARRATIVE_SENTENCES

    def _move_narrative(
        self,
        meaning: DateExpression,
        placed: Resolved,
        anchor: MentionAnchor,
        text: str | None,
        start: int | None,
        end: int | None,
    ) -> None:
        if anchor == "absolute" and _sets_narrative(meaning, text, start, end):
            period = (placed.resolved_date, placed.resolution)
            if self.published is not None and placed.resolved_date.year == self.published.year:
                self.narrative, self.speaks_from_publication = None, True
            else:
                self.narrative, self.narrative_sentence = period, self.sentence
        elif anchor == "publication" and _speaks_from_publication(meaning):
            self.narrative, self.speaks_from_publication = None, True
        elif anchor == "narrative" and meaning.anchor == "calendar" and self.narrative:
            # The story goes on; told in days it moves on with the date, set by a year it
            # stays in that year.
            if self.narrative[1] != "year":
                self.narrative = (placed.resolved_date, placed.resolution)
            self.narrative_sentence = self.sentence


def _speaks_from_publication(meaning: DateExpression) -> bool:
    """Words that only make sense from the publication date: `yesterday`, `last week`,
    `March last year`, `on Tuesday`, `next May`."""
    if meaning.anchor == "publication" or meaning.year_relative:
        return True
    if meaning.anchor != "calendar":
        return False
    return meaning.direction is not None or not _follows_narrative(meaning)


def speaks_from_publication_anywhere(
    meanings: list[DateExpression], published: date | None
) -> bool:
    """Whether a text whose date mentions mean `meanings` (in any order) speaks from its
    publication date somewhere: words relative to the present, a weekday, or a date in the
    publication's year. A direction word after a day (`the 12th of October last`) is the
    formal style of a quoted decree, not the present."""
    if published is None:
        return False
    return any(
        meaning.year == published.year
        if meaning.anchor == "absolute"
        else not meaning.direction_follows and _speaks_from_publication(meaning)
        for meaning in meanings
        if meaning.kind == "date"
    )


def _in_the_year_last_named(meaning: DateExpression, text: str, start: int, end: int) -> bool:
    """`that summer`, `April 13 of that year`: the words tie a yearless period to the year
    the text last named."""
    return _follows_narrative(meaning) and bool(
        _THAT_BEFORE.match(text, start) or _OF_THAT_YEAR.match(text, end)
    )


def _counts_from_following_words(text: str, start: int | None, end: int) -> bool:
    surface = text[start:end] if start is not None else ""
    return bool(_COUNTS_FROM_WORDS.search(surface.rstrip())) and bool(
        _OBJECT_AFTER.match(text, end)
    )


def _follows_narrative(meaning: DateExpression) -> bool:
    """A recurring period without a year or a direction word, other than a weekday, the
    weekend or a lone day of the month (`the 12th` is a day near the last date, whatever
    the story's year; `next May` counts from the publication)."""
    if meaning.anchor != "calendar" or meaning.year_relative or meaning.direction is not None:
        return False
    if meaning.day is not None and meaning.month is None:
        return False
    fields = (meaning.month, meaning.day, meaning.quarter, meaning.season, meaning.holiday)
    return any(field is not None for field in fields)


def _sets_narrative(
    meaning: DateExpression, text: str | None, start: int | None, end: int | None
) -> bool:
    """An explicit date or year with its year written (not `9/11`), and a bare year only
    after a preposition."""
    if meaning.year is None or meaning.resolution not in _NARRATIVE_RESOLUTIONS:
        return False
    if not text or start is None or end is None:
        return True
    if not re.search(rf"{meaning.year}|'{meaning.year % 100:02d}\b", text[start:end]):
        return False
    fields = (meaning.month, meaning.day, meaning.quarter, meaning.season, meaning.holiday)
    if any(field is not None for field in fields):
        return True
    surface = text[start : start + 12].lower()
    return bool(_YEAR_PREPOSITION.search(text[max(0, start - 25) : start])) or bool(
        re.match(r"(?:in|by|during|from|circa|c\.)\s", surface)
    )


def _against_narrative(
    meaning: DateExpression, reference: date, resolution: Resolution
) -> Resolved:
    if resolution == "year" and meaning.direction is None:
        if (
            meaning.day is not None
            and meaning.month is not None
            and not is_calendar_day(reference.year, meaning.month, meaning.day)
        ):
            return Resolved(None, None, "invalid_date")  # 29 February in a common year
        return resolve(replace(meaning, anchor="absolute", year=reference.year), None)
    return resolve(meaning, reference)


def _against_publication(
    meaning: DateExpression,
    published: date | None,
    text: str | None,
    start: int | None,
    end: int | None,
) -> Resolved:
    if not text or start is None or end is None or not _depends_on_tense(meaning):
        return resolve(meaning, published)
    if follows_since(text, start):
        return resolve(replace(meaning, direction="past"), published)
    return resolve(meaning, published, tense_around(text, start, end))


def _depends_on_tense(meaning: DateExpression) -> bool:
    """A recurring period placed by the words around it."""
    return meaning.anchor == "calendar" and meaning.direction is None and not meaning.year_relative
