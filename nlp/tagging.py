"""Entity spans of texts, as plain columns, in spaCy batches bounded in texts and characters."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import polars as pl

from newsetl.nlp.long_text import long_doc
from newsetl.transforms.schemas import NER_SPAN_SCHEMA, empty

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

SpanColumns = tuple[list[str], list[int], list[int], list[str], list[str], list[int]]

# Memory of tagging grows with the tokens in flight, so a spaCy batch stops at `batch_size`
# texts or `BATCH_CHARS` characters, and a longer text goes alone (`long_doc`): memory
# stays flat whatever the article sizes.
BATCH_CHARS = 32_000


def tag_texts(nlp: Language, chunk: Sequence[tuple[str, str]], batch_size: int) -> SpanColumns:
    """Entity spans of each (article_id, text), with the index of the sentence they start in."""
    ids: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    surfaces: list[str] = []
    labels: list[str] = []
    sentences: list[int] = []
    texts = [text for _, text in chunk]
    # Every new token string would otherwise stay in the vocab for the worker's life: +20 MB
    # per 3,000 articles, growing with the run. The zone frees them once the spans are read.
    with nlp.memory_zone():
        for (article_id, _), doc in zip(chunk, _docs(nlp, texts, batch_size), strict=True):
            sentence_starts = [sentence.start for sentence in doc.sents]
            sentence_index = 0
            for entity in doc.ents:  # spans come in document order
                while (sentence_index + 1 < len(sentence_starts)
                       and sentence_starts[sentence_index + 1] <= entity.start):
                    sentence_index += 1
                ids.append(article_id)
                starts.append(entity.start_char)
                ends.append(entity.end_char)
                surfaces.append(entity.text)
                labels.append(entity.label_)
                sentences.append(sentence_index)
    return ids, starts, ends, surfaces, labels, sentences


def _docs(nlp: Language, texts: Sequence[str], batch_size: int) -> Iterator[Doc]:
    """`nlp` over `texts`, in order, in batches bounded in texts and characters."""
    batch: list[str] = []
    chars = 0
    for text in texts:
        if batch and (len(batch) >= batch_size or chars + len(text) > BATCH_CHARS):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, chars = [], 0
        if len(text) > BATCH_CHARS:
            yield long_doc(nlp, text)
        else:
            batch.append(text)
            chars += len(text)
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))


def spans_frame(parts: Sequence[SpanColumns]) -> pl.DataFrame:
    """Span columns from several chunks as one `NER_SPAN_SCHEMA` frame."""
    frames = [
        pl.DataFrame(dict(zip(NER_SPAN_SCHEMA, part, strict=True)), schema=NER_SPAN_SCHEMA)
        for part in parts if part[0]
    ]
    return pl.concat(frames) if frames else empty(NER_SPAN_SCHEMA)
