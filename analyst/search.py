"""`newsetl search`: articles ranked by BM25 over title and text, from the published copy."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsetl.analyst.formats import safe_text
from newsetl.settings import Settings, WarehouseTarget
from newsetl.warehouse.readonly import AnalystError, connect_analyst
from newsetl.warehouse.sql_files import read_sql

_SNIPPET_CHARS = 160
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SearchHit:
    """One matching article."""

    article_id: str
    published_date: date
    title: str
    score: float
    snippet: str


def search_lines(path: Path | WarehouseTarget, words: str, limit: int, settings: Settings) -> str:
    """`newsetl search`: the best LIMIT hits for WORDS, one a line (`format_hits`), under the
    analyst limits of SETTINGS."""
    return format_hits(search(path, words, limit, settings.analyst_timeout_seconds,
                              settings.analyst_memory_limit, settings.analyst_threads))


def search(path: Path | WarehouseTarget, words: str, limit: int = 10, timeout: float = 30.0,
           memory_limit: str | None = None, threads: int | None = None) -> list[SearchHit]:
    """Rank articles of the published warehouse by BM25 for WORDS, best first, at most LIMIT.

    The writer keeps the search terms with each batch it loads, so they match the data.
    """
    if not _WORD.search(words):
        raise AnalystError("nothing to search for: give at least one word")
    with connect_analyst(path, timeout, memory_limit, threads) as session:
        try:
            result = session.query(read_sql("search/match_articles.sql"),
                                   {"words": words, "limit": limit})
        except AnalystError as error:
            if "search_term" in str(error) or "search_document" in str(error):
                raise AnalystError(f"{path} has no search terms: it predates them; "
                                   "publish a warehouse made by this version") from error
            raise
    hits = []
    for article_id, published_date, title, text, score in result.rows:
        hits.append(SearchHit(str(article_id), published_date, str(title or ""),  # type: ignore[arg-type]
                              float(score), snippet(str(text), words)))  # type: ignore[arg-type]
    return hits


def snippet(text: str, words: str, width: int = _SNIPPET_CHARS) -> str:
    """About `width` characters of `text` around the first query word found in it."""
    terms = sorted({w.casefold() for w in _WORD.findall(words) if len(w) > 1}, key=len,
                   reverse=True)
    lowered = text.casefold()
    found = [lowered.find(term) for term in terms]
    positions = [position for position in found if position >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    start = _word_start(text, start)
    piece = " ".join(text[start:start + width].split())
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return f"{prefix}{piece}{suffix}"


def _word_start(text: str, position: int) -> int:
    if position == 0:
        return 0
    space = text.find(" ", position)
    return space + 1 if 0 <= space < position + 20 else position


def format_hits(hits: list[SearchHit]) -> str:
    """One line per hit: date, title, score, snippet (control characters escaped)."""
    if not hits:
        return "no matching articles"
    lines = [f"{hit.published_date.isoformat()}  {safe_text(hit.title, 70)}  "
             f"{hit.score:.3f}  {safe_text(hit.snippet, None)}" for hit in hits]
    return "\n".join(lines)
