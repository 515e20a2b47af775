"""The NER worker processes: how they start, what they run, and the chunks they are sent.

Work travels as (article_id, text) chunks and comes back as plain span columns, not
pickled Docs, which costs the workers and the parent far less than
`nlp.pipe(n_process=…)` serialising whole Docs back. Each chunk is of one language and is
tagged with that language's model; English chunks also get their sentences' tone.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Mapping, Sequence
from multiprocessing.pool import Pool
from typing import TYPE_CHECKING

from newsetl.nlp.tagging import BATCH_CHARS, Tagged, tag_and_score
from newsetl.nlp.tone import TONE_LANGUAGE, load_tone_scorer

if TYPE_CHECKING:
    from spacy.language import Language
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

Chunk = tuple[tuple[str, str], ...]
CHUNK_CHARS = 2 * BATCH_CHARS  # characters per piece of work sent to a worker


class TaggingModels:
    """The NER model of each language (ISO 639-1 → loaded model) and the tone scorer."""

    def __init__(self, models: Mapping[str, str], max_text_chars: int) -> None:
        from newsetl.nlp.model import load_ner_model

        self.models: dict[str, Language] = {
            language: load_ner_model(name, max_text_chars) for language, name in models.items()}
        self.scorer: SentimentIntensityAnalyzer | None = (
            load_tone_scorer() if TONE_LANGUAGE in models else None)

    def tag(self, chunk: Sequence[tuple[str, str]], batch_size: int, language: str) -> Tagged:
        """Spans (and, in English, sentence tones) of a chunk in `language` (one with a
        model)."""
        scorer = self.scorer if language == TONE_LANGUAGE else None
        return tag_and_score(self.models[language], chunk, batch_size, scorer)


# Per worker process: the models its initializer loaded (never set in the parent).
_worker_models: TaggingModels | None = None


def _init_worker(models: dict[str, str], max_text_chars: int) -> None:
    global _worker_models
    from newsetl.nlp.model import limit_blas_threads

    limit_blas_threads()
    _worker_models = TaggingModels(models, max_text_chars)


def tag_in_worker(task: tuple[Sequence[tuple[str, str]], int, str]) -> Tagged:
    """What a worker runs: the spans of one chunk, tagged with its language's model."""
    assert _worker_models is not None, "worker started without its models"
    chunk, batch_size, language = task
    return _worker_models.tag(chunk, batch_size, language)


def start_pool(models: Mapping[str, str], processes: int, max_text_chars: int) -> Pool:
    """Worker processes that each load the models once, as they start (this returns at
    once)."""
    # forkserver: workers start from a clean process, not a fork of a threaded parent.
    context = multiprocessing.get_context("forkserver")
    return context.Pool(processes, initializer=_init_worker,
                        initargs=(dict(models), max_text_chars))


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
