"""NER workers started before the pool that will use them, and chunks tagged ahead.

`newsetl run` starts the workers while Prefect's temporary server starts, so the model
loads meanwhile, and hands them the articles the flow's first batch will most likely
submit (`newsetl.ner_ahead`). The first `NerPool` of the same model, processes and text
cap adopts the workers (`adopt`) with the spans already asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool

from newsetl.nlp.tagging import SpanColumns
from newsetl.nlp.workers import Chunk, chunk_articles, start_pool, tag_in_worker

# What tells workers apart: the model they loaded, how many, and their text cap.
WorkersKey = tuple[str, int, int]


@dataclass
class Prestarted:
    pool: Pool
    # Chunks sent to the workers before any NerPool asked: (article_id, text) pairs → spans,
    # chunked for this spaCy batch size.
    batch_size: int
    ahead: dict[Chunk, AsyncResult[SpanColumns]]


# Held from `prestart` until a pool adopts the workers or `discard_prestarted` stops them.
_prestarted: dict[WorkersKey, Prestarted] = {}


def prestart(model_name: str, processes: int, max_text_chars: int, batch_size: int,
             ahead: Sequence[tuple[str, str]] = ()) -> None:
    """Start the workers a later `NerPool` with these arguments will use, now.

    Returns at once; the workers load the model while the caller does something else.
    `ahead` are (article_id, text) pairs the caller expects to submit first: the workers
    tag them as soon as the model is loaded, and a later `submit` of the very same pairs,
    chunked alike, takes their spans instead of tagging them again.
    """
    key = (model_name, max(1, processes), max_text_chars)
    if key[1] > 1 and key not in _prestarted:
        pool = start_pool(*key)
        _prestarted[key] = Prestarted(pool, batch_size, {
            chunk: pool.apply_async(tag_in_worker, ((chunk, batch_size),))
            for chunk in chunk_articles(ahead, key[1], batch_size)
        })


def adopt(key: WorkersKey) -> Prestarted | None:
    """The workers prestarted for `key`, handed over once (None if there are none)."""
    return _prestarted.pop(key, None)


def discard_prestarted() -> None:
    """Stop prestarted workers that no `NerPool` adopted."""
    while _prestarted:
        _, prestarted = _prestarted.popitem()
        prestarted.pool.terminate()
        prestarted.pool.join()
