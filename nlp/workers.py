"""The NER worker processes: how they start, what they run, and the chunks they are sent.

Work travels as (article_id, text) chunks and comes back as plain span columns, not
pickled Docs, which costs the workers and the parent far less than
`nlp.pipe(n_process=…)` serialising whole Docs back.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from multiprocessing.pool import Pool
from typing import TYPE_CHECKING

from newsetl.nlp.tagging import BATCH_CHARS, SpanColumns, tag_texts

if TYPE_CHECKING:
    from spacy.language import Language

Chunk = tuple[tuple[str, str], ...]
CHUNK_CHARS = 2 * BATCH_CHARS  # characters per piece of work sent to a worker

# Per worker process: the model its initializer loaded (never set in the parent).
_worker_model: Language | None = None


def _init_worker(model_name: str, max_text_chars: int) -> None:
    global _worker_model
    from newsetl.nlp.model import limit_blas_threads, load_ner_model

    limit_blas_threads()
    _worker_model = load_ner_model(model_name, max_text_chars)


def tag_in_worker(task: tuple[Sequence[tuple[str, str]], int]) -> SpanColumns:
    """What a worker runs: the spans of one chunk, tagged with the worker's model."""
    assert _worker_model is not None, "worker started without its model"
    chunk, batch_size = task
    return tag_texts(_worker_model, chunk, batch_size)


def start_pool(model_name: str, processes: int, max_text_chars: int) -> Pool:
    """Worker processes that each load the model once, as they start (this returns at once)."""
    # forkserver: workers start from a clean process, not a fork of a threaded parent.
    context = multiprocessing.get_context("forkserver")
    return context.Pool(processes, initializer=_init_worker,
                        initargs=(model_name, max_text_chars))


def chunk_articles(articles: Sequence[tuple[str, str]], processes: int,
                   batch_size: int) -> Iterator[Chunk]:
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
            yield tuple(articles[start:end])
            start, chars = end, 0
        chars += len(text)
    if start < len(articles):
        yield tuple(articles[start:])
