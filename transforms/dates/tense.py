"""Whether the words around a mention speak of the future.

Used only to place a recurring period named without a year (`Tuesday`, `October 7`,
`March`): "will meet on Tuesday" is the coming Tuesday, "met on Tuesday" the last one.
A cheap lexical stand-in for a tense tagger: the nearest tense word before the mention in
its sentence decides; failing that the nearest one just after it; failing that, no opinion
(the resolver then looks back, as most dates in news reports do).
"""

import re

_FUTURE = {
    "will", "'ll", "shall", "wo", "won't", "goingto", "scheduled", "slated", "expected", "due",
    "plans", "plan", "planned", "planning", "upcoming", "forthcoming",
    "ahead", "intends", "intend", "hopes", "would", "next", "begins", "starts", "opens",
    "await", "awaits", "awaiting", "deadline",
}  # fmt: skip
_PAST = {
    "was", "were", "had", "did", "said", "told", "met", "made", "took", "went", "came",
    "gave", "held", "began", "left", "won", "lost", "led", "found", "saw", "became", "fell",
    "rose", "sent", "struck", "spoke", "wrote", "brought", "got", "hit", "paid", "kept",
    "ran", "sold", "stood", "since", "ago", "last", "earlier", "previously", "killed",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"[.!?](?=[\"'”’)\]]*\s)|\n")
_BEFORE_WORDS = 12
_AFTER_WORDS = 6


# "since March", "since early May": what began then is still going on, so the period is
# past whatever is nearer ("since September" in August is last September).
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:(?:early|late|mid|the\s+(?:start|end|beginning)"
                           r"\s+of)\s+)?$", re.IGNORECASE)


def follows_since(text: str, start: int) -> bool:
    """The mention at `start` comes right after "since" ("since March", "since early May")."""
    return _SINCE_BEFORE.search(text, max(0, start - 40), start) is not None


def tense_around(text: str, start: int, end: int) -> str | None:
    """`future`, `past` or None for the mention at `text[start:end]`."""
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    sentence_end = after.start() if after else len(text)
    before = _words(text[sentence_start:start])[-_BEFORE_WORDS:]
    following = _words(text[end:sentence_end])[:_AFTER_WORDS]
    return _nearest_tense(before[::-1]) or _nearest_tense(following)


def _words(text: str) -> list[str]:
    return _WORD.findall(re.sub(r"\bgoing to\b", "goingto", text))  # not "on-going"


def _nearest_tense(words: list[str]) -> str | None:
    lowered = [word.lower() for word in words]
    for index, word in enumerate(lowered):
        if word in _FUTURE:
            return "future"
        if word in _PAST or (word.endswith("ed") and len(word) > 4):
            if _is_passive_participle(lowered, index):
                continue  # "will be elected": the auxiliary before "be" decides
            return "past"
    return None


def _is_passive_participle(words: list[str], index: int) -> bool:
    """Whether words[index] is a participle after "be" (the list may run backwards)."""
    neighbours = words[index + 1 : index + 2] + words[max(index - 1, 0) : index]
    return any(neighbour in ("be", "been", "being") for neighbour in neighbours)
