"""The large pieces a batch goes to a cluster in: few, even, and bounded.

Each piece is one scheduled task with its own overhead (a Prefect task run, a trip through
the scheduler), so pieces are as large as the batch allows: at most `max_articles` articles
or `MAX_CHUNK_CHARS` characters, and at least one per worker so none of them idles.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

Chunk = tuple[tuple[str, str], ...]
MAX_CHUNK_CHARS = 32 * 1024 * 1024  # characters of text in one task's input


def large_chunks(articles: Sequence[tuple[str, str]], workers: int,
                 max_articles: int) -> Iterator[Chunk]:
    """(article_id, text) pairs in consecutive chunks of about equal size, in order."""
    if not articles:
        return
    total_chars = sum(len(text) for _, text in articles)
    count = max(min(workers, len(articles)), math.ceil(len(articles) / max_articles),
                math.ceil(total_chars / MAX_CHUNK_CHARS))
    target_articles = math.ceil(len(articles) / count)
    start, chars = 0, 0
    for end, (_, text) in enumerate(articles):
        if end > start and (end - start >= target_articles
                            or chars + len(text) > MAX_CHUNK_CHARS):
            yield tuple(articles[start:end])
            start, chars = end, 0
        chars += len(text)
    yield tuple(articles[start:])
