"""Named-entity recognition over many texts on a process pool that lives for a whole run.

Each worker loads the model once (`newsetl.nlp.workers`); a batch goes to them in chunks,
and its spans come back chunk by chunk, in order, while the caller does other work.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool
from typing import TYPE_CHECKING

import polars as pl

from newsetl.nlp.tagging import SpanColumns, spans_frame, tag_texts
from newsetl.nlp.workers import chunk_articles, start_pool, tag_in_worker

if TYPE_CHECKING:
    from spacy.language import Language


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

    def __enter__(self) -> NerPool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc_info: object) -> None:
        self.close(wait=exc_type is None)

    def _ensure_started(self) -> None:
        if self._processes == 1:
            if self._local_model is None:
                from newsetl.nlp.model import load_ner_model

                self._local_model = load_ner_model(self._model_name, self._max_text_chars)
        elif self._pool is None:
            self._pool = start_pool(self._model_name, self._processes, self._max_text_chars)

    def submit(self, articles: Sequence[tuple[str, str]]) -> PendingSpans:
        """Start tagging (article_id, text) pairs; chunks are spread over the workers."""
        if not articles:
            return PendingSpans([], iter([]))
        self._ensure_started()
        if self._local_model is not None:
            tagged = tag_texts(self._local_model, articles, self._batch_size)
            return PendingSpans([len(articles)], iter([tagged]))
        assert self._pool is not None
        chunks = list(chunk_articles(articles, self._processes, self._batch_size))
        results = [self._pool.apply_async(tag_in_worker, ((chunk, self._batch_size),))
                   for chunk in chunks]
        return PendingSpans([len(chunk) for chunk in chunks], _in_order(deque(results)))

    def close(self, wait: bool = True) -> None:
        """Stop the workers once they have finished what was submitted (`wait`), or at once
        (a run that failed or was stopped does not wait for spans nobody will read)."""
        if self._pool is not None:
            if wait:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None
