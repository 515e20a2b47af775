"""Day words that are part of a name, not a date: `Sunday Times`, `the Mail on Sunday`,
`The World Today`, `the Today programme`.

spaCy labels these `DATE`; resolved, they would be wrong dates on roughly one in forty
weekday or "today" mentions in Wikinews. Needs the article text; a candidate judged a name
is dropped (kind `not_a_date`).
"""

import re

DAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "today", "tonight", "yesterday", "tomorrow"}  # fmt: skip
_NAME_FOLLOWERS = {
    "news", "times", "telegraph", "mail", "express", "herald", "post", "tribune", "star",
    "independent", "mirror", "journal", "observer", "magazine", "show", "programme",
    "program", "sport", "business", "edition", "sponge",
}  # fmt: skip
_NEXT_WORD = re.compile(r"['’]?s?\s+([A-Z][a-z]+)")
_PAPER_ON = re.compile(r"\b(?:Mail|Independent) on $")  # not "the Washington Post on Monday"
# "The World Today", "USA Today"; one space only: a run of spaces is removed markup, often
# a heading before a sentence that starts "Today, …"
_CAPITALISED_BEFORE = re.compile(r"(?:\bthe|[A-Z][\w'’&-]*) $")


def is_part_of_a_name(text: str, start: int, end: int) -> bool:
    """Whether the day word at `text[start:end]` belongs to a name (see the module doc)."""
    surface = text[start:end]
    if surface.lower() not in DAY_WORDS or not surface[:1].isupper():
        return False
    following = _NEXT_WORD.match(text, end)
    if following and following[1].lower() in _NAME_FOLLOWERS:
        return True  # "Sunday Times", "Today Show"
    before = text[max(0, start - 40) : start]
    if _PAPER_ON.search(before):
        return True
    return (
        surface.lower() in ("today", "tonight") and _CAPITALISED_BEFORE.search(before) is not None
    )
