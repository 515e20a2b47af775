"""A text too long to tag at once, tagged in overlapping windows with the same entities.

Memory of tagging grows with the tokens in flight (~16 KB a token here: thinc keeps every
layer's output of a batch until the batch is done), so a text longer than `WINDOW_TOKENS`
tokens goes through the entity components in windows, and the windows are joined.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

WINDOW_TOKENS = 4_000
WINDOW_OVERLAP = 200
# Tokens of context on each side of a window cut: spaCy's NER (en_core_web_sm 3.x) sees a
# token through a CNN of receptive field 4 and decides on the next token, the one before
# it and the first of the open entity, so 8 keeps a cut well clear of a window's edges.
CUT_MARGIN = 8
# Components that set sentence boundaries: run once over the whole text, after the join.
_SENTENCE_PIPES = frozenset({"sentencizer", "senter"})


def long_doc(nlp: Language, text: str, window_tokens: int = WINDOW_TOKENS,
             overlap: int = WINDOW_OVERLAP) -> Doc:
    """`nlp` over `text`, its entity components run on overlapping windows.

    Windows k and k+1 overlap by `overlap` tokens; they are joined at a token, well inside
    the overlap, that no entity of either window's parse crosses. Both parses have no open
    entity there and see the same tokens around it, so from there on the greedy NER makes
    the same decisions in the next window as over the whole text: the entities are those of
    the whole text. With no such token, the text goes whole.
    """
    from spacy.tokens import Span

    if overlap <= 2 * CUT_MARGIN or window_tokens <= overlap:
        raise ValueError(f"windows of {window_tokens} tokens overlapping by {overlap} leave "
                         f"no room for a cut {CUT_MARGIN} tokens from either edge")
    doc = nlp.make_doc(text)
    if len(doc) <= window_tokens:
        return nlp(doc)
    entity_pipes = [proc for name, proc in nlp.pipeline if name not in _SENTENCE_PIPES]
    parses: list[tuple[int, int, list[tuple[int, int, str]]]] = []
    for start in range(0, len(doc) - overlap, window_tokens - overlap):
        end = min(start + window_tokens, len(doc))
        window = doc[start:end].as_doc()
        for proc in entity_pipes:
            window = proc(window)
        parses.append((start, end, [(e.start + start, e.end + start, e.label_)
                                    for e in window.ents]))
    kept: list[tuple[int, int, str]] = []
    left = 0
    for index, (_, end, entities) in enumerate(parses):
        cut = len(doc)
        if index + 1 < len(parses):
            next_start, _, next_entities = parses[index + 1]
            found = _cut(entities + next_entities, next_start + CUT_MARGIN, end - CUT_MARGIN)
            if found is None:
                return nlp(doc)
            cut = found
        kept.extend(e for e in entities if left <= e[0] and e[1] <= cut)
        left = cut
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in kept]
    for name, proc in nlp.pipeline:
        if name in _SENTENCE_PIPES:
            doc = proc(doc)
    return doc


def _cut(entities: list[tuple[int, int, str]], low: int, high: int) -> int | None:
    """The token nearest the middle of [low, high] that no entity strictly contains."""
    inside = set()
    for start, end, _ in entities:
        inside.update(range(max(start + 1, low), min(end, high + 1)))
    middle = (low + high) // 2
    candidates = [token for token in range(low, high + 1) if token not in inside]
    return min(candidates, key=lambda token: abs(token - middle)) if candidates else None
