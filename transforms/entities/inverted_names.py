"""Rule 0e: a reading list's "Family, Given. Title" lines name people, one span each.

    Austen, Jane. Pride and Prejudice
    Marx, Karl and Engels, Friedrich. The Communist Manifesto

spaCy tags such lines word by word, with any label ("Christie" ORG, "Agatha" GPE, "London"
GPE, "Jack" PERSON). Where an article has at least MIN_ENTRIES lines that open with an
inverted name followed by a full stop and more text (a list, not one line of prose), each
inverted name becomes one PERSON span over "Family, Given", replacing the spans inside it;
`clean` writes the name the usual way round ("Jane Austen"). A "given name" the reference
data knows as a place or organisation ("Paris, France. …") is no person and is left alone.
The new span takes the sentence of the span it starts in or after (spaCy's sentences are
not at hand here).
"""

from __future__ import annotations

import re

import polars as pl

from newsetl.transforms.entities.context import NO_CONTEXT, SPAN_CONTEXT_SCHEMA
from newsetl.transforms.entities.reference import ReferenceData, lookup

MIN_ENTRIES = 2
_WORD = r"[A-Z][a-zà-öø-ÿ'’-]+"
_GIVEN = rf"{_WORD}(?: (?:{_WORD}|[A-Z]\.))*"
_INVERTED = re.compile(rf"({_WORD}), ({_GIVEN})")
# A line opening with an inverted name, maybe "and" another, then ". " and the title.
_ENTRY = re.compile(rf"(?m)^{_WORD}, {_GIVEN}(?: and {_WORD}, {_GIVEN})?\.[ \t]+\S")


def inverted_name_spans(text: str, reference: ReferenceData) -> list[tuple[int, int]]:
    """(start, end) of each "Family, Given" of the text's reading-list lines."""
    entries = list(_ENTRY.finditer(text))
    if len(entries) < MIN_ENTRIES:
        return []
    found = []
    for entry in entries:
        head = text[entry.start():entry.end()]
        for name in _INVERTED.finditer(head):
            if lookup(reference, name.group(2)) is None:
                found.append((entry.start() + name.start(), entry.start() + name.end()))
    return found


def add_inverted_names(spans: pl.DataFrame, texts: pl.DataFrame,
                       reference: ReferenceData) -> pl.DataFrame:
    """`spans` (SPAN_CONTEXT_SCHEMA) where each inverted name of a reading list of `texts`
    (`article_id`, `text`) is one PERSON span instead of the spans inside it."""
    found: dict[str, list[tuple[int, int, str]]] = {}
    for article_id, text in texts.select("article_id", "text").iter_rows():
        if text and text.count(",") >= MIN_ENTRIES:
            names = inverted_name_spans(text, reference)
            if names:
                found[article_id] = [(s, e, text[s:e]) for s, e in names]
    if not found:
        return spans
    inside = pl.Series([
        any(s <= start and end <= e for s, e, _ in found.get(article_id, ()))
        for article_id, start, end in spans.select("article_id", "start_char", "end_char")
        .iter_rows()
    ], dtype=pl.Boolean)
    kept = spans.filter(~inside)
    sentences: dict[str, list[tuple[int, int]]] = {}
    for article_id, start, sentence in spans.select(
            "article_id", "start_char", "sentence_index").iter_rows():
        sentences.setdefault(article_id, []).append((start, sentence))
    rows = [
        (article_id, start, end, surface, "PERSON",
         max(((s, i) for s, i in sentences.get(article_id, ()) if s <= start),
             default=(0, 0))[1], *NO_CONTEXT.values())
        for article_id, names in found.items() for start, end, surface in names
    ]
    return pl.concat([kept, pl.DataFrame(rows, schema=SPAN_CONTEXT_SCHEMA, orient="row")])
