"""Small frames for the entity-rule tests: NER-like spans laid over a text, one article."""

from datetime import date

import polars as pl

from newsetl.transforms.entities.context import read_spans_in_context
from newsetl.transforms.entities.normalize import normalize_entities
from newsetl.transforms.entities.reference import ReferenceData
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


def normalized_mentions(text: str, found: list[tuple[str, str]], reference: ReferenceData,
                        columns: tuple[str, ...], published: date | None = None
                        ) -> pl.DataFrame:
    """`columns` of every mention kept when the spans `found` in `text` (one article,
    published on `published`) are read in context and normalized with `reference`."""
    context = read_spans_in_context(spans_of(text, found), texts(text))
    result = normalize_entities(context, reference, {"a1": published})
    return result.mentions.join(result.entities, on="entity_key").select(*columns)
