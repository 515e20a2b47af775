"""Rule 0f: a span that starts after the first words of a known name takes those words.

spaCy's small model often leaves a name's first word out of the span when that word is
also an ordinary adjective or a name of its own: "Liberal Democrats" → "Democrats", "Saudi
Arabian" → "Arabian", "New South Wales" → "South Wales", "Santo Domingo" → "Domingo"
(a person), "French Polynesia" → "Polynesia". The cut name then resolves to another thing
("Democrats" is the US party) or to nothing. So a span grows over the one or two
capitalised words right before it (same line, one space apart) when the longer name is one
the reference data or the gazetteer knows (`reference.lookup`, its exact names and
aliases) and the span alone is not that thing already. The shorter prefix is tried first.
A span inside the words taken is dropped (it was the name's first word, "Saudi"); a span
that only overlaps them leaves the name as it was.

The grown span's label is the known thing's kind (an organisation ORG, a demonym NORP, a
place GPE unless spaCy said LOC); what the text says before a name (`title_before`,
`person_title`, `place_preposition`, `preposition_before`) was read for the old start, and
whether the name is written lower-case elsewhere (`lowercase_in_text`) for the old words, so
these are cleared; what the text says after the name is kept.
"""

from __future__ import annotations

import re

import polars as pl

from newsetl.transforms.entities.context import NO_CONTEXT, SPAN_CONTEXT_SCHEMA
from newsetl.transforms.entities.reference import ReferenceData, lookup

# The labels of names this rule may grow (spaCy's usual labels for a cut name).
GROWN_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
MAX_PREFIX_WORDS = 2
_LABEL_OF_CLASS = {"org": "ORG", "demonym": "NORP"}
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_BEFORE_FLAGS = ("title_before", "person_title", "place_preposition", "preposition_before",
                 "lowercase_in_text")
# A capitalised word; it may hold inner dots ("U.S. Army") but not end a sentence before
# the span ("… in Ltd. Democrats"): its last dot must follow a capital letter.
_WORD = re.compile(r"[A-Z](?:[\w'’-]|\.(?=\w))*(?:(?<=[A-Z])\.)?")
_OPENING = "(\"'“‘["  # may open the quoted or bracketed name the words start
_REACH = 80  # characters before a span searched for its prefix words


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


def grow_cut_names(spans: pl.DataFrame, texts: pl.DataFrame, reference: ReferenceData
                   ) -> pl.DataFrame:
    """`spans` (SPAN_CONTEXT_SCHEMA) with each name cut after its first words grown over
    them (`texts`: `article_id`, `text`), and the spans inside the words taken dropped."""
    text_of = dict(zip(texts["article_id"], texts["text"], strict=True))
    names = spans.select("article_id", "start_char", "end_char", "surface_text", "label")
    grown: dict[int, tuple[int, str]] = {}  # row → (new start, label)
    for i, (article_id, start, _end, surface, label) in enumerate(names.iter_rows()):
        text = text_of.get(article_id)
        found = (grown_start(text, start, surface, reference)
                 if text and label in GROWN_LABELS else None)
        if found is not None:
            new_start, kind = found
            grown[i] = (new_start, _LABEL_OF_CLASS.get(kind) or (
                label if label in _PLACE_LABELS else "GPE"))
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
    for i, (new_start, label) in sorted(grown.items()):
        article_id, start, end = names.row(i)[:3]
        if i in dropped:
            continue
        others = [(j, s, e) for j, s, e in bounds_of[article_id] if j != i and s < start
                  and e > new_start]
        if any(s < new_start or e > start for _j, s, e in others):
            continue  # a span across the words taken: the name stays as it was
        dropped.update(j for j, _s, _e in others)
        updates.append((i, new_start, text_of[article_id][new_start:end], label))
    if not updates:
        return spans
    changed = pl.DataFrame(updates, schema={"row": pl.UInt32, "start_char": pl.Int64,
                                            "surface_text": pl.String, "label": pl.String},
                           orient="row").with_columns(
        **{flag: pl.lit(NO_CONTEXT[flag], SPAN_CONTEXT_SCHEMA[flag]) for flag in _BEFORE_FLAGS})
    return (spans.with_row_index("row")
            .filter(~pl.col("row").is_in(sorted(dropped)))
            .update(changed.with_columns(pl.col(c).cast(SPAN_CONTEXT_SCHEMA[c])
                                         for c in changed.columns if c != "row"),
                    on="row", include_nulls=True)
            .drop("row")
            .select(list(SPAN_CONTEXT_SCHEMA)))
