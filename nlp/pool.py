"""Named-entity recognition over many texts on a process pool that lives for a whole run.

Each worker loads the models once (`newsetl.nlp.workers`); a batch goes to them in chunks
of one language each, and its spans (and English sentences' tone) come back chunk by
chunk, in order, while the caller does other work. Articles in a language with no model
are not sent anywhere: they get no spans.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from multiprocessing.pool import AsyncResult, Pool

import polars as pl

from newsetl.nlp.tagging import Tagged, sentence_tones_frame, spans_frame
from newsetl.nlp.workers import TaggingModels, chunk_articles, start_pool, tag_in_worker

# An article whose language is unknown (no declaration, nothing detected) is tagged as
# English, as every article was before languages were told apart.
UNDETERMINED_LANGUAGE = "en"
# What a run of articles in a language with no model gets: no spans, no tones.
UNTAGGED: Tagged = (([], [], [], [], [], []), ([], [], [], [], []))


class _Ready:
    """A result already known (an untagged run of articles), read like an AsyncResult."""

    def __init__(self, value: Tagged) -> None:
        self._value = value

    def get(self) -> Tagged:
        return self._value


def _in_order(results: deque[AsyncResult[Tagged] | _Ready]) -> Iterator[Tagged]:
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
    sentence_tones: pl.DataFrame  # SENTENCE_TONE_SCHEMA (English articles only)
    tagged: bool = True  # False: articles in a language with no model, never tagged


class PendingSpans:
    """Spans being computed for one batch, read once: part by part as the workers finish
    them (`parts`), or all at once (`result`, `whole`)."""

    def __init__(self, sizes: Sequence[int], parts: Iterator[Tagged],
                 tagged: Sequence[bool] | None = None) -> None:
        self._sizes = sizes
        self._tagged = [True] * len(sizes) if tagged is None else tagged
        self._parts: Iterator[Tagged] | None = parts

    def _take(self) -> Iterator[Tagged]:
        parts, self._parts = self._parts, None
        if parts is None:
            raise RuntimeError("these spans were already read")
        return parts

    def parts(self) -> Iterator[SpansPart]:
        """Each chunk's spans, in submission order, as soon as it is tagged."""
        parts = self._take()
        start = 0
        for size, tagged, (spans, sentences) in zip(self._sizes, self._tagged, parts,
                                                    strict=True):
            yield SpansPart(start, start + size, spans_frame([spans]),
                            sentence_tones_frame([sentences]), tagged)
            start += size

    def whole(self) -> SpansPart:
        """All the spans and sentence tones, once every chunk is tagged."""
        parts = list(self._take())
        return SpansPart(0, sum(self._sizes), spans_frame([spans for spans, _ in parts]),
                         sentence_tones_frame([sentences for _, sentences in parts]))

    def result(self) -> pl.DataFrame:
        """All the spans, once every chunk is tagged."""
        return self.whole().spans


class NerPool:
    """A pool of NER workers (or the models in-process when `processes` is 1).

    `models`: the spaCy model of each language (ISO 639-1 code → model), or one model name,
    for English. Use as a context manager for the length of a run; `submit` returns at once
    so the caller can load the previous batch while this one is tagged.
    """

    def __init__(self, models: str | Mapping[str, str], processes: int, batch_size: int,
                 max_text_chars: int) -> None:
        self._models = {"en": models} if isinstance(models, str) else dict(models)
        self._processes = max(1, processes)
        self._batch_size = batch_size
        self._max_text_chars = max_text_chars
        self._pool: Pool | None = None
        self._local_models: TaggingModels | None = None

    def __enter__(self) -> NerPool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc_info: object) -> None:
        self.close(wait=exc_type is None)

    def _ensure_started(self) -> None:
        if self._processes == 1:
            if self._local_models is None:
                self._local_models = TaggingModels(self._models, self._max_text_chars)
        elif self._pool is None:
            self._pool = start_pool(self._models, self._processes, self._max_text_chars)

    def submit(self, articles: Sequence[tuple[str, str]],
               languages: Sequence[str | None] | None = None) -> PendingSpans:
        """Start tagging (article_id, text) pairs, each with the model of its language
        (`languages`, one per article; default: all English); chunks are spread over the
        workers."""
        if not articles:
            return PendingSpans([], iter([]))
        if languages is None:
            languages = [UNDETERMINED_LANGUAGE] * len(articles)
        sizes: list[int] = []
        tagged: list[bool] = []
        results: deque[AsyncResult[Tagged] | _Ready] = deque()
        start = 0
        for language, run in groupby(language or UNDETERMINED_LANGUAGE for language in languages):
            stop = start + len(list(run))
            same_language = articles[start:stop]
            start = stop
            if language not in self._models:
                sizes.append(len(same_language))
                tagged.append(False)
                results.append(_Ready(UNTAGGED))
                continue
            self._ensure_started()
            if self._local_models is not None:
                sizes.append(len(same_language))
                tagged.append(True)
                results.append(_Ready(self._local_models.tag(same_language, self._batch_size,
                                                             language)))
                continue
            assert self._pool is not None
            for chunk in chunk_articles(same_language, self._processes, self._batch_size):
                sizes.append(len(chunk))
                tagged.append(True)
                results.append(self._pool.apply_async(
                    tag_in_worker, ((chunk, self._batch_size, language),)))
        return PendingSpans(sizes, _in_order(results), tagged)

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
