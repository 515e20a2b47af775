"""Names of events and awards, told by their head word, whatever spaCy labelled them.

spaCy's small model calls "Cyclone Phailin" a person, "the Paralympic Games" a building,
"Teen Choice Awards" and "the 2005 General Election" organisations. None of them is a
person, an organisation or a place, so counting them as one inflates the counts analysts
read. The head word of a name says what it is: the word before its first lower-case
preposition ("Battle of Britain", "Nobel Prize in Literature") or else its last word
("Hurricane Katrina" is named by its first: a storm's class leads its name). Events become
EVENT and awards WORK_OF_ART, the labels the model itself gives such names when it gets
them right. A name headed by an organisation or place word ("Election Commission", "Summit
County", "Festival Hall") is left alone: its head is that word.
"""

import re

# Heads that name an event in a name of two words or more ("General Election", "World Cup").
EVENT_HEADS = frozenset((
    "olympics", "paralympics", "olympiad", "cup", "championships", "marathon", "tournament",
    "festival", "expo", "summit", "election", "elections", "referendum", "war", "wars",
    "revolution", "battle", "massacre", "genocide", "uprising", "grand prix",
))  # fmt: skip
# Heads that name an event even alone: "the Olympics", "the Games" (spaCy's FAC).
EVENT_ALONE = frozenset(("olympics", "paralympics", "olympiad", "games", "olympic",
                         "paralympic"))  # "Paralympic athletes": the games' adjective
# "Games" is an event when a word of the name says which ("Commonwealth Games"); otherwise it
# may be a company ("Epic Games", "Rockstar Games").
GAMES_QUALIFIERS = frozenset((
    "olympic", "olympics", "paralympic", "paralympics", "commonwealth", "asian", "pan",
    "american", "winter", "summer", "youth", "world", "mediterranean", "island", "highland",
    "invictus", "special", "goodwill", "african", "arab", "pacific", "european", "gay",
))  # fmt: skip
# A storm's class leads its name.
STORM_CLASSES = ("hurricane", "cyclone", "typhoon", "super typhoon", "tropical storm",
                 "tropical depression", "tropical cyclone")
AWARD_HEADS = frozenset(("prize", "award", "medal", "trophy"))
# Plural awards are the ceremony ("Teen Choice Awards", "the Academy Awards").
AWARD_CEREMONY_HEADS = frozenset(("awards",))
# Labels this rule may correct: those of names counted as people, organisations or places,
# and the model's other guesses for the same names.
RELABELLED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "LAW"})

_PREPOSITION = re.compile(r"\s(?:of|for|in|on|at|to)\s")
# Every word the rule looks for, so that most names (none of these words) cost one search.
_ANY_CUE = re.compile(
    r"\b(?:" + "|".join(sorted({*EVENT_HEADS, *EVENT_ALONE, *AWARD_HEADS, *AWARD_CEREMONY_HEADS,
                                *STORM_CLASSES})) + r")\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _words(name: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(name)]


def before_first_preposition(name: str) -> tuple[str, bool]:
    """The part of `name` before its first lower-case preposition (all of it when it has
    none), and whether it has one: a name's head word is the last word of that part."""
    preposition = _PREPOSITION.search(name)
    return (name[:preposition.start()] if preposition else name), preposition is not None


def _head(words_before_preposition: list[str]) -> str:
    last_two = " ".join(words_before_preposition[-2:])
    return last_two if last_two == "grand prix" else words_before_preposition[-1]


def _is_storm(words: list[str]) -> bool:
    folded = " ".join(words)
    return any(folded == storm or folded.startswith(storm + " ") for storm in STORM_CLASSES)


def storm_given_names(names: list[str]) -> set[str]:
    """The given names of the storms an article names ("Katrina" of "Hurricane Katrina"):
    the article's later "Katrina" is the storm, not a person."""
    given = set()
    for name in names:
        if _ANY_CUE.search(name) is None:
            continue
        words = name.split()
        if len(words) >= 2 and _is_storm(_words(name)) and words[-1][:1].isupper():
            given.add(words[-1])
    return given


def event_label(name: str, label: str) -> str | None:
    """EVENT or WORK_OF_ART when `name` (a cleaned name spaCy labelled `label`) is an event's
    or an award's name; None when this rule says nothing."""
    if label not in RELABELLED or _ANY_CUE.search(name) is None:
        return None
    words = _words(name)
    if not words:
        return None
    if _is_storm(words):
        return "EVENT"
    before, has_preposition = before_first_preposition(name)
    head_words = _words(before) if has_preposition else words
    if not head_words:
        return None
    head = _head(head_words)
    alone = len(words) == 1
    if head == "games":
        qualified = any(word in GAMES_QUALIFIERS for word in head_words[:-1])
        return "EVENT" if alone or qualified else None
    if head in EVENT_ALONE or (head in EVENT_HEADS and not alone):
        return "EVENT"
    if head in AWARD_CEREMONY_HEADS and not alone:
        return "EVENT"
    if head in AWARD_HEADS and not alone:
        return "WORK_OF_ART"
    return None
