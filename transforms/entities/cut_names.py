"""Rule 0f: a name spaCy cut short takes the rest of a known name.

spaCy's small model often leaves a name's first word out of the span when that word is
also an ordinary adjective or a name of its own: "Liberal Democrats" → "Democrats", "Saudi
Arabian" → "Arabian", "New South Wales" → "South Wales", "Santo Domingo" → "Domingo"
(a person), "French Polynesia" → "Polynesia". The cut name then resolves to another thing
("Democrats" is the US party) or to nothing. So a span grows over the one or two
capitalised words right before it (same line, one space apart) when the longer name is one
the reference data or the gazetteer knows (`reference.lookup`, its exact names and
aliases) and the span alone is not that thing already. The shorter prefix is tried first.

It also stops before the last words of a name that joins its parts with "and", "of" or
"the", where it reads two names or one and a word: "Trinidad and Tobago" → "Trinidad" and
"Tobago" (an organisation), "Saint Vincent and the Grenadines" → "Saint Vincent", "Saint
Kitts and Nevis" → "Saint Kitts and". So a span also grows over up to four words right
after it (capitalised words and those three joining words, one space apart, the last one
capitalised) when the longer name is known and the span alone is not that thing; the
longest such name wins. A span grows at one end only, its start first.

A span inside the words taken is dropped (it was the name's first word, "Saudi", or its
last, "Tobago"); a span that only overlaps them leaves the name as it was.

The grown span's label is the known thing's kind (an organisation ORG, a demonym NORP, a
place GPE unless spaCy said LOC). What the text says on the grown side was read for the
old edge: before the name (`title_before`, `person_title`, `place_preposition`,
`preposition_before`), it is cleared, and so is whether the name is written lower-case
elsewhere (`lowercase_in_text`, read for the old words); after it (`defines_acronym`,
`speaker`, `title_after`, `role_after`, `name_after_comma`), it is what was read for the
dropped span that ended where the name now ends, or nothing.
"""

from __future__ import annotations

import re

import polars as pl

from newsetl.transforms.entities.context import NO_CONTEXT, SPAN_CONTEXT_SCHEMA
from newsetl.transforms.entities.reference import ReferenceData, lookup

# The labels of names this rule may grow (spaCy's usual labels for a cut name).
GROWN_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
MAX_PREFIX_WORDS = 2
MAX_SUFFIX_WORDS = 4
_LABEL_OF_CLASS = {"org": "ORG", "demonym": "NORP"}
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_BEFORE_FLAGS = ("title_before", "person_title", "place_preposition", "preposition_before",
                 "lowercase_in_text")
_AFTER_FLAGS = ("defines_acronym", "speaker", "title_after", "role_after", "name_after_comma")
# A capitalised word; it may hold inner dots ("U.S. Army") but not end a sentence before
# the span ("… in Ltd. Democrats"): its last dot must follow a capital letter.
_WORD = re.compile(r"[A-Z](?:[\w'’-]|\.(?=\w))*(?:(?<=[A-Z])\.)?")
_OPENING = "(\"'“‘["  # may open the quoted or bracketed name the words start
_REACH = 80  # characters before a span searched for its prefix words
_JOINING_WORDS = frozenset({"and", "of", "the"})
# A word after a span, one space before it: a capitalised word as above (any script's
# capital: "Príncipe") or a joining word.
_WORD_AFTER = re.compile(r" ((?:[^\W\d_](?:[\w'’-]|\.(?=\w))*)(?:(?<=[A-Z])\.)?)")


def _words_before(text: str, start: int) -> list[str]:
    """Up to MAX_PREFIX_WORDS capitalised words right before `start`, each followed by
    exactly one space (the first may follow an opening quote or bracket)."""
    if start < 2 or text[start - 1] != " ":
        return []
    parts = text[max(0, start - 1 - _REACH):start - 1].rsplit(" ", MAX_PREFIX_WORDS)
    if len(parts) <= MAX_PREFIX_WORDS and start - 1 > _REACH:
        parts = parts[1:]  # the first part may be a word the reach cut
    words: list[str] = []
    for part in reversed(parts[-MAX_PREFIX_WORDS:]):
        word = part.lstrip(_OPENING)
        if _WORD.fullmatch(word) is None:
            break
        words.insert(0, word)
        if word != part:
            break  # an opening quote or bracket: the name starts here
    return words


def grown_start(text: str, start: int, surface: str, reference: ReferenceData
                ) -> tuple[int, str] | None:
    """(new start, kind) when the words right before `start` and `surface` together are a
    known name that `surface` alone is not; else None."""
    words = _words_before(text, start)
    if not words:
        return None
    alone = lookup(reference, surface)
    for taken in range(1, len(words) + 1):
        prefix = " ".join(words[-taken:])
        hit = lookup(reference, f"{prefix} {surface}")
        if hit is not None and (alone is None or alone.canonical_name != hit.canonical_name):
            return start - len(prefix) - 1, hit.entity_class
    return None


def _words_after(text: str, end: int) -> list[tuple[str, int]]:
    """Up to MAX_SUFFIX_WORDS words right after `end`, each after exactly one space:
    capitalised words and joining words, with where each ends."""
    words: list[tuple[str, int]] = []
    while len(words) < MAX_SUFFIX_WORDS:
        match = _WORD_AFTER.match(text, end)
        if match is None:
            break
        word = match.group(1)
        if word not in _JOINING_WORDS and not word[0].isupper():
            break
        words.append((word, match.end()))
        end = match.end()
    return words


def grown_end(text: str, end: int, surface: str, reference: ReferenceData
              ) -> tuple[int, str] | None:
    """(new end, kind) when `surface` and the words right after `end` together are a known
    name that `surface` alone is not (the longest such name); else None."""
    words = _words_after(text, end)
    alone = lookup(reference, surface) if words else None
    for taken in range(len(words), 0, -1):
        if words[taken - 1][0] in _JOINING_WORDS:
            continue  # a name ends with a name's word
        suffix = " ".join(word for word, _end in words[:taken])
        hit = lookup(reference, f"{surface} {suffix}")
        if hit is not None and (alone is None or alone.canonical_name != hit.canonical_name):
            return words[taken - 1][1], hit.entity_class
    return None


def _grown_label(kind: str, label: str) -> str:
    return _LABEL_OF_CLASS.get(kind) or (label if label in _PLACE_LABELS else "GPE")


def grow_cut_names(spans: pl.DataFrame, texts: pl.DataFrame, reference: ReferenceData
                   ) -> pl.DataFrame:
    """`spans` (SPAN_CONTEXT_SCHEMA) with each name cut short grown over the rest of the
    known name (`texts`: `article_id`, `text`), and the spans inside the words taken
    dropped."""
    text_of = dict(zip(texts["article_id"], texts["text"], strict=True))
    names = spans.select("article_id", "start_char", "end_char", "surface_text", "label")
    grown: dict[int, tuple[int, int, str]] = {}  # row → (new start, new end, label)
    for i, (article_id, start, end, surface, label) in enumerate(names.iter_rows()):
        text = text_of.get(article_id)
        if not text or label not in GROWN_LABELS:
            continue
        before = grown_start(text, start, surface, reference)
        if before is not None:
            grown[i] = (before[0], end, _grown_label(before[1], label))
            continue
        after = grown_end(text, end, surface, reference)
        if after is not None:
            grown[i] = (start, after[0], _grown_label(after[1], label))
    if not grown:
        return spans
    bounds_of: dict[str, list[tuple[int, int, int]]] = {}
    articles = {names["article_id"][i] for i in grown}
    for i, (article_id, start, end) in enumerate(
            names.select("article_id", "start_char", "end_char").iter_rows()):
        if article_id in articles:
            bounds_of.setdefault(article_id, []).append((i, start, end))
    dropped: set[int] = set()
    updates = []
    for i, (new_start, new_end, label) in sorted(grown.items()):
        article_id, start, end = names.row(i)[:3]
        if i in dropped:
            continue
        others = [(j, s, e) for j, s, e in bounds_of[article_id] if j != i
                  and ((s < start and e > new_start) or (e > end and s < new_end))]
        if any(s < new_start or e > new_end or (s < end and e > start)
               for _j, s, e in others):
            continue  # a span across the words taken: the name stays as it was
        dropped.update(j for j, _s, _e in others)
        if new_start < start:
            flags = {flag: NO_CONTEXT[flag] for flag in _BEFORE_FLAGS}
        else:
            last = [j for j, _s, e in others if e == new_end]
            flags = {flag: spans[flag][last[0]] if last else NO_CONTEXT[flag]
                     for flag in _AFTER_FLAGS}
        updates.append({"row": i, "start_char": new_start, "end_char": new_end,
                        "surface_text": text_of[article_id][new_start:new_end],
                        "label": label, **flags})
    if not updates:
        return spans
    result = spans.with_row_index("row").filter(~pl.col("row").is_in(sorted(dropped)))
    # A name grown at its start and one grown at its end change different flags.
    for flags in (_BEFORE_FLAGS, _AFTER_FLAGS):
        rows = [row for row in updates if flags[0] in row]
        if rows:
            changed = pl.DataFrame(rows, schema={"row": pl.UInt32} | {
                column: SPAN_CONTEXT_SCHEMA[column] for column in rows[0] if column != "row"})
            result = result.update(changed, on="row", include_nulls=True)
    return result.drop("row").select(list(SPAN_CONTEXT_SCHEMA))
