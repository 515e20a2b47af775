"""Mentions that match no date pattern: durations, ages, frequencies and non-dates (all
dropped), or dates that cannot be placed (`vague`, `relative_to_event`).

spaCy labels many of these `DATE`: `three years`, `75-year-old`, `annual`, `the next day`.
Choices: a duration is a count of units (`three years`, `the past year`, `several months`,
`decades`, `two-day`); an indefinite stretch reaching to the present (`for decades`,
`in recent years`, `the past few weeks`, `the coming months`) is kept as `vague`; a period
placed from another event (`the next day`, `two years later`, `that week`) is kept as
`relative_to_event`.
"""

import re

from newsetl.transforms.dates.vocabulary import MONTHS, NUMBER_WORDS, WEEKDAYS

_UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?"
    r"|centur(?:y|ies)|millenn?i(?:um|a)|generations?)"
)
_PLURAL_UNIT = r"(?:hours|days|nights|weeks|months|years|decades|centuries|generations)"
_EVENT_UNIT = r"(?:day|night|morning|afternoon|evening|week|weekend|month|year|decade|season|date)"

_AGE = re.compile(
    rf"(?:.*\b(?:\d+|{'|'.join(NUMBER_WORDS)}|decades?|centur(?:y|ies))[\s-]*{_UNIT}[\s-]*olds?\b.*"
    rf"|.*\b{_UNIT}[\s-]olds?\b.*|(?:aged?|ages)\s+\d+.*|.*\bage of \d+.*|.*\d+ years of age.*)"
)
_FREQUENCY = re.compile(
    r"(?:bi-?|semi-?)?(?:daily|weekly|monthly|annual|annually|yearly|quarterly|hourly|"
    r"nightly|fortnightly|biannual|biannually|annualized|seasonal|seasonally)"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)days|weekdays|weekends"
    r"|(?:every|each|per)\b.*|.*\b(?:once|twice|\w+ times)\s+(?:a|an|per|every|each)\b.*"
    r"|.*\b(?:year|day|week|month)[\s-](?:round|on[\s-]year|over[\s-]year|after[\s-]\w+|by[\s-]\w+|"
    r"to[\s-](?:day|date|year))\b.*|round[\s-]the[\s-]clock|24/7"
)
_RELATIVE_TO_EVENT = re.compile(
    rf"(?:that|the same|the very same|the following|following|the previous|previous|the "
    rf"preceding|the prior|the next|next)\s+(?:{_EVENT_UNIT}|time|period)"
    rf"|(?:the\s+)?{_EVENT_UNIT}\s+(?:before|after|earlier|later|prior)(?:\s+that)?"
    rf"|.*\b{_UNIT}\s+(?:later|earlier|before|after|afterwards?|prior|previously|beforehand|"
    rf"on|into|in)"
    rf"|(?:the|that)\s+(?:day|date|week|weekend|month|year|night|morning|evening)"
    rf"|the\s+(?:first|second|third|fourth|fifth|last|final|opening|closing)\s+{_EVENT_UNIT}"
    rf"|(?:his|her|its|their|our|my|your)\b.*|the same period"
    rf"|(?:the\s+|a\s+)?(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|"
    rf"eighth|ninth|tenth|last|final|opening|closing)(?:\s+[\w-]+)?[\s-]+{_UNIT}"
)
_VAGUE = re.compile(
    r"recently|lately|recent|nowadays|currently|presently|now|right now|just now|soon|shortly"
    r"|eventually|once|earlier|later|previously|formerly|then|since then|to date|so far"
    r"|at present|at the moment|at the time|for now|these days|those days|this time|the time"
    r"|some time|sometime|a while|a long time|long ago|the moment|the present|the past"
    r"|the future|time|times|the old days|the early days|the days|the other day|some day"
    r"|someday|any day now|in time|the years|the era|the holidays|this day"
    r"|this season|last season|next season"
    rf"|(?:in\s+)?recent\s+(?:{_PLURAL_UNIT}|times|history|memory)"
    rf"|(?:the\s+)?(?:past|last|next|coming|previous|following|recent|upcoming|preceding)\s+"
    rf"(?:few|several|couple of|many|some)\s+{_PLURAL_UNIT}"
    rf"|the\s+(?:coming|next|past|last|previous|following|upcoming|preceding)\s+{_PLURAL_UNIT}"
    rf"|for\s+(?:(?:many|several|some|a few|so many|long)\s+)?(?:{_PLURAL_UNIT}|ages|some time"
    rf"|a long time|a while|long)"
)
_DURATION_WORDS = {
    *NUMBER_WORDS, "about", "nearly", "almost", "approximately", "roughly", "around", "some",
    "more", "than", "less", "over", "under", "up", "to", "at", "least", "most", "as", "little",
    "much", "many", "just", "only", "another", "additional", "further", "full", "whole",
    "entire", "the", "past", "last", "next", "coming", "previous", "few", "couple", "of",
    "several", "and", "half", "or", "long", "plus", "extra", "consecutive", "straight",
    "successive", "mere", "short", "total", "within", "for", "in", "hundreds", "thousands",
    "dozen", "dozens", "record", "odd", "-", "/",
}  # fmt: skip
_TEMPORAL = re.compile(
    rf"\b(?:{'|'.join(MONTHS)}|{'|'.join(WEEKDAYS)}|{_UNIT}|quarters?|seasons?|spring|summer|"
    r"autumn|fall|winter|weekends?|today|tonight|yesterday|tomorrow|now|recent|recently|lately|"
    r"ago|currently|soon|earlier|later|once|time|times|past|future|present|nowadays|era|period|"
    r"anniversary|dates?|morning|afternoon|evening|midnight|noon|eve|christmas|easter|halloween|"
    r"thanksgiving|new year|\d+(?:st|nd|rd|th)|\d+s|1\d{3}|20\d{2}|21\d{2})\b|\d[/.-]\d"
)


def classify_non_date(text: str) -> tuple[str, str | None] | None:
    """(kind, reason) for a normalized mention no date pattern matched, or None if unknown.

    Kinds `duration`, `age`, `frequency` and `not_a_date` are dropped by the resolver;
    kind `date` comes with the reason it cannot be placed."""
    if _AGE.fullmatch(text):
        return ("age", None)
    if _FREQUENCY.fullmatch(text):
        return ("frequency", None)
    if re.search(r"https?:|www\.|\.(?:com|org|net)\b", text) or not _TEMPORAL.search(text):
        return ("not_a_date", None)
    if _VAGUE.fullmatch(text):
        return ("date", "vague")
    if _RELATIVE_TO_EVENT.fullmatch(text):
        return ("date", "relative_to_event")
    if _is_duration(text):
        return ("duration", None)
    if re.search(r"\bago$", text):
        return ("date", "vague")  # "some time ago", "long ago"
    if not re.search(r"\d", text):
        if re.search(rf"\b{_PLURAL_UNIT}\b", text):
            return ("date", "vague")  # "those years", "the decades ahead"
        if re.search(rf"\b{_EVENT_UNIT}\b", text):
            return ("date", "relative_to_event")  # "election day", "a proud day"
    return None


def _is_duration(text: str) -> bool:
    tokens = [token for token in re.split(r"[\s-]+", text) if token]
    has_unit = any(re.fullmatch(_UNIT, token) for token in tokens)
    return has_unit and all(
        re.fullmatch(_UNIT, token)
        or token in _DURATION_WORDS
        or re.fullmatch(r"[\d.,/]+(?:s)?", token)
        for token in tokens
    )
