"""Named-entity recognition over many texts on a process pool that lives for a whole run.

Each worker loads the model once. Work travels as (article_id, text) chunks and comes back
as plain span columns, not pickled Docs, which costs the workers and the parent far less
than `nlp.pipe(n_process=…)` serialising whole Docs back.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool
from typing import TYPE_CHECKING

import polars as pl

from newsetl.transforms.schemas import NER_SPAN_SCHEMA, empty

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

SpanColumns = tuple[list[str], list[int], list[int], list[str], list[str], list[int]]

# Per worker process: the model its initializer loaded (never set in the parent).
_worker_model: Language | None = None


def _init_worker(model_name: str, max_text_chars: int) -> None:
    global _worker_model
    from newsetl.nlp.model import limit_blas_threads, load_ner_model

    limit_blas_threads()
    _worker_model = load_ner_model(model_name, max_text_chars)


# Memory of tagging grows with the tokens in flight (~16 KB a token here: thinc keeps every
# layer's output of a batch until the batch is done). So a spaCy batch stops at
# `batch_size` texts or `BATCH_CHARS` characters, and a text longer than `WINDOW_TOKENS`
# tokens is tagged in overlapping windows: memory stays flat whatever the article sizes.
BATCH_CHARS = 32_000
CHUNK_CHARS = 2 * BATCH_CHARS  # characters per piece of work sent to a worker
WINDOW_TOKENS = 4_000
WINDOW_OVERLAP = 200
# Tokens of context on each side of a window cut: spaCy's NER (en_core_web_sm 3.x) sees a
# token through a CNN of receptive field 4 and decides on the next token, the one before
# it and the first of the open entity, so 8 keeps a cut well clear of a window's edges.
_CUT_MARGIN = 8


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
            yield _long_doc(nlp, text)
        else:
            batch.append(text)
            chars += len(text)
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))


def _long_doc(nlp: Language, text: str) -> Doc:
    """A long text through `nlp`, its entity components run on overlapping windows.

    Windows k and k+1 overlap by `WINDOW_OVERLAP` tokens; they are joined at a token, well
    inside the overlap, that no entity of either window's parse crosses. Both parses have
    no open entity there and see the same tokens around it, so from there on the greedy
    NER makes the same decisions in the next window as over the whole text: the entities
    are those of the whole text (checked on every long corpus article, with windows
    small enough to cut each many times). With no such token, the text goes whole.
    """
    from spacy.tokens import Span

    doc = nlp.make_doc(text)
    if len(doc) <= WINDOW_TOKENS:
        return nlp(doc)
    entity_pipes = [proc for name, proc in nlp.pipeline if name != "sentencizer"]
    parses: list[tuple[int, int, list[tuple[int, int, str]]]] = []
    step = WINDOW_TOKENS - WINDOW_OVERLAP
    for start in range(0, len(doc) - WINDOW_OVERLAP, step):
        end = min(start + WINDOW_TOKENS, len(doc))
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
            found = _cut(entities + next_entities, next_start + _CUT_MARGIN, end - _CUT_MARGIN)
            if found is None:
                return nlp(doc)
            cut = found
        kept.extend(e for e in entities if left <= e[0] and e[1] <= cut)
        left = cut
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in kept]
    for name, proc in nlp.pipeline:
        if name == "sentencizer":
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


def _tag_in_worker(task: tuple[Sequence[tuple[str, str]], int]) -> SpanColumns:
    assert _worker_model is not None, "worker started without its model"
    chunk, batch_size = task
    return tag_texts(_worker_model, chunk, batch_size)


def spans_frame(parts: Sequence[SpanColumns]) -> pl.DataFrame:
    """Span columns from several chunks as one `NER_SPAN_SCHEMA` frame."""
    frames = [
        pl.DataFrame(dict(zip(NER_SPAN_SCHEMA, part, strict=True)), schema=NER_SPAN_SCHEMA)
        for part in parts if part[0]
    ]
    return pl.concat(frames) if frames else empty(NER_SPAN_SCHEMA)


def _start_pool(model_name: str, processes: int, max_text_chars: int) -> Pool:
    # forkserver: workers start from a clean process, not a fork of a threaded parent.
    context = multiprocessing.get_context("forkserver")
    return context.Pool(processes, initializer=_init_worker,
                        initargs=(model_name, max_text_chars))


Chunk = tuple[tuple[str, str], ...]


@dataclass
class _Prestarted:
    pool: Pool
    batch_size: int
    # Chunks sent to the workers before any NerPool asked: (article_id, text) pairs → spans.
    ahead: dict[Chunk, AsyncResult[SpanColumns]]


# Worker pools started ahead of their NerPool (see `prestart`), by (model, processes, cap).
_prestarted: dict[tuple[str, int, int], _Prestarted] = {}


def prestart(model_name: str, processes: int, max_text_chars: int, batch_size: int,
             ahead: Sequence[tuple[str, str]] = ()) -> None:
    """Start the workers a later `NerPool` with these arguments will use, now.

    Returns at once; the workers load the model while the caller does something else (the
    CLI starts them while Prefect's server starts). `ahead` are (article_id, text) pairs
    the caller expects to submit first: the workers tag them as soon as the model is
    loaded, and a later `submit` of the very same pairs, chunked alike, takes their spans
    instead of tagging them again. The first matching `NerPool` adopts the workers;
    `discard_prestarted` stops any that no pool took.
    """
    key = (model_name, max(1, processes), max_text_chars)
    if key[1] > 1 and key not in _prestarted:
        pool = _start_pool(*key)
        _prestarted[key] = _Prestarted(pool, batch_size, {
            chunk: pool.apply_async(_tag_in_worker, ((chunk, batch_size),))
            for chunk in map(tuple, chunk_articles(ahead, key[1], batch_size))
        })


def discard_prestarted() -> None:
    """Stop prestarted workers that no `NerPool` adopted."""
    while _prestarted:
        _, prestarted = _prestarted.popitem()
        prestarted.pool.terminate()
        prestarted.pool.join()


def chunk_articles(articles: Sequence[tuple[str, str]], processes: int,
                   batch_size: int) -> Iterator[Sequence[tuple[str, str]]]:
    """The pieces of work a batch is sent to the workers in.

    Chunks of about two spaCy batches: small enough that the workers end a batch together
    and the caller finds each chunk's mentions soon after it is tagged, and at least four
    per worker when the batch is small.
    """
    total = sum(len(text) for _, text in articles)
    limit = max(1, min(CHUNK_CHARS, total // (processes * 4)))
    start, chars = 0, 0
    for end, (_, text) in enumerate(articles):
        if end > start and (chars + len(text) > limit or end - start >= batch_size):
            yield articles[start:end]
            start, chars = end, 0
        chars += len(text)
    if start < len(articles):
        yield articles[start:]


def _in_order(results: deque[AsyncResult[SpanColumns]]) -> Iterator[SpanColumns]:
    """Each result as it comes, in order, dropped once read (a batch's spans are not all
    kept until its last chunk is tagged)."""
    while results:
        yield results.popleft().get()


@dataclass(frozen=True)
class SpansPart:
    """The spans of the submitted articles `start` to `stop` (positions in the submission)."""

    start: int
    stop: int
    spans: pl.DataFrame  # NER_SPAN_SCHEMA


class PendingSpans:
    """Spans being computed for one batch, read once: part by part as the workers finish
    them (`parts`), or all at once (`result`)."""

    def __init__(self, sizes: Sequence[int], parts: Iterator[SpanColumns]) -> None:
        self._sizes = sizes
        self._parts: Iterator[SpanColumns] | None = parts

    def _take(self) -> Iterator[SpanColumns]:
        parts, self._parts = self._parts, None
        if parts is None:
            raise RuntimeError("these spans were already read")
        return parts

    def parts(self) -> Iterator[SpansPart]:
        """Each chunk's spans, in submission order, as soon as it is tagged."""
        parts = self._take()
        start = 0
        for size, columns in zip(self._sizes, parts, strict=True):
            yield SpansPart(start, start + size, spans_frame([columns]))
            start += size

    def result(self) -> pl.DataFrame:
        """All the spans, once every chunk is tagged."""
        return spans_frame(list(self._take()))


class NerPool:
    """A pool of NER workers (or the model in-process when `processes` is 1).

    Use as a context manager for the length of a run; `submit` returns at once so the
    caller can load the previous batch while this one is tagged.
    """

    def __init__(self, model_name: str, processes: int, batch_size: int,
                 max_text_chars: int) -> None:
        self._model_name = model_name
        self._processes = max(1, processes)
        self._batch_size = batch_size
        self._max_text_chars = max_text_chars
        self._pool: Pool | None = None
        self._local_model: Language | None = None
        self._ahead: dict[Chunk, AsyncResult[SpanColumns]] = {}
        self.chunks_tagged_ahead = 0  # chunks whose spans `prestart` had already asked for
        self.first_batch_chunks = 0  # chunks of the first non-empty submission

    def __enter__(self) -> NerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _ensure_started(self) -> None:
        if self._processes == 1:
            if self._local_model is None:
                from newsetl.nlp.model import load_ner_model

                self._local_model = load_ner_model(self._model_name, self._max_text_chars)
        elif self._pool is None:
            key = (self._model_name, self._processes, self._max_text_chars)
            prestarted = _prestarted.pop(key, None)
            if prestarted is None:
                self._pool = _start_pool(*key)
            else:
                self._pool = prestarted.pool
                if prestarted.batch_size == self._batch_size:
                    self._ahead = prestarted.ahead

    def submit(self, articles: Sequence[tuple[str, str]]) -> PendingSpans:
        """Start tagging (article_id, text) pairs; chunks are spread over the workers."""
        if not articles:
            return PendingSpans([], iter([]))
        self._ensure_started()
        if self._local_model is not None:
            tagged = tag_texts(self._local_model, articles, self._batch_size)
            return PendingSpans([len(articles)], iter([tagged]))
        assert self._pool is not None
        chunks = [tuple(chunk) for chunk in
                  chunk_articles(articles, self._processes, self._batch_size)]
        if not self.first_batch_chunks:
            self.first_batch_chunks = len(chunks)
        results = []
        for chunk in chunks:
            result = self._ahead.pop(chunk, None)
            if result is None:
                result = self._pool.apply_async(_tag_in_worker, ((chunk, self._batch_size),))
            else:
                self.chunks_tagged_ahead += 1
            results.append(result)
        return PendingSpans([len(chunk) for chunk in chunks], _in_order(deque(results)))

    def close(self) -> None:
        """Stop the workers (at once if they still tag chunks nobody asked for)."""
        if self._pool is not None:
            if self._ahead:
                self._pool.terminate()
            else:
                self._pool.close()
            self._pool.join()
            self._pool = None
            self._ahead = {}
