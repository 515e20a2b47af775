"""Small frames for the entity-rule tests: NER-like spans laid over a text, one article."""

import polars as pl

from newsetl.transforms.schemas import NER_SPAN_SCHEMA


def spans_of(text: str, found: list[tuple[str, str]], article_id: str = "a1") -> pl.DataFrame:
    """NER-like spans: each (surface, label) at its first occurrence after the previous one."""
    rows, cursor = [], 0
    for surface, label in found:
        start = text.index(surface, cursor)
        rows.append((article_id, start, start + len(surface), surface, label, 0))
        cursor = start + 1
    return pl.DataFrame(rows, schema=NER_SPAN_SCHEMA, orient="row")


def texts(text: str, article_id: str = "a1") -> pl.DataFrame:
    """The article table the rules read: one article's id and text."""
    return pl.DataFrame({"article_id": [article_id], "text": [text]})
