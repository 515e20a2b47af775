"""Entity spans of texts, and the tone of their sentences, as plain columns, in spaCy
batches bounded in texts and characters."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import polars as pl

from newsetl.nlp.long_text import long_doc
from newsetl.nlp.tone import SCORER_VERSION, sentence_tone
from newsetl.transforms.schemas import NER_SPAN_SCHEMA, SENTENCE_TONE_SCHEMA, empty

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

SpanColumns = tuple[list[str], list[int], list[int], list[str], list[str], list[int]]
# article_id, sentence_index, start_char, end_char, tone (SENTENCE_TONE_SCHEMA's order)
SentenceColumns = tuple[list[str], list[int], list[int], list[int], list[float]]
Tagged = tuple[SpanColumns, SentenceColumns]

# Memory of tagging grows with the tokens in flight, so a spaCy batch stops at `batch_size`
# texts or `BATCH_CHARS` characters, and a longer text goes alone (`long_doc`): memory
# stays flat whatever the article sizes.
BATCH_CHARS = 32_000


def tag_texts(nlp: Language, chunk: Sequence[tuple[str, str]], batch_size: int) -> SpanColumns:
    """Entity spans of each (article_id, text), with the index of the sentence they start in."""
    return tag_and_score(nlp, chunk, batch_size, None)[0]


def tag_and_score(nlp: Language, chunk: Sequence[tuple[str, str]], batch_size: int,
                  scorer: SentimentIntensityAnalyzer | None) -> Tagged:
    """Entity spans of each (article_id, text), with the index of the sentence they start
    in, and, with a tone `scorer`, each sentence's tone: scored here, in the NER worker,
    on spaCy's own sentences, so the cost runs in parallel and the sentence indexes are
    the entity mentions' own."""
    sentence_columns: SentenceColumns = ([], [], [], [], [])
    ids: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    surfaces: list[str] = []
    labels: list[str] = []
    sentence_indexes: list[int] = []
    texts = [text for _, text in chunk]
    # Every new token string would otherwise stay in the vocab for the worker's life: +20 MB
    # per 3,000 articles, growing with the run. The zone frees them once the spans are read.
    with nlp.memory_zone():
        for (article_id, _), doc in zip(chunk, _docs(nlp, texts, batch_size), strict=True):
            sentences = list(doc.sents)
            sentence_starts = [sentence.start for sentence in sentences]
            if scorer is not None:
                _score_sentences(scorer, article_id, sentences, sentence_columns)
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
                sentence_indexes.append(sentence_index)
    return (ids, starts, ends, surfaces, labels, sentence_indexes), sentence_columns


def _score_sentences(scorer: SentimentIntensityAnalyzer, article_id: str,
                     sentences: Sequence[Span], columns: SentenceColumns) -> None:
    ids, indexes, starts, ends, tones = columns
    for index, sentence in enumerate(sentences):
        if not sentence.text.strip():
            continue  # whitespace between paragraphs: no words, no tone
        ids.append(article_id)
        indexes.append(index)
        starts.append(sentence.start_char)
        ends.append(sentence.end_char)
        tones.append(sentence_tone(scorer, sentence.text))


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


def sentence_tones_frame(parts: Sequence[SentenceColumns]) -> pl.DataFrame:
    """Sentence tone columns from several chunks as one `SENTENCE_TONE_SCHEMA` frame."""
    frames = [
        pl.DataFrame(dict(zip(SENTENCE_TONE_SCHEMA, (*part, [SCORER_VERSION] * len(part[0])),
                              strict=True)), schema=SENTENCE_TONE_SCHEMA)
        for part in parts if part[0]
    ]
    return pl.concat(frames) if frames else empty(SENTENCE_TONE_SCHEMA)
