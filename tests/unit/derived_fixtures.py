"""Batches of star rows for the tables the load keeps for readers (search terms,
co-occurrence aggregate): only the frames those statements read, shaped like the flow's."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import duckdb
import polars as pl

from newsetl.flows.loading import load_batch
from newsetl.warehouse.load import LoadBatch

COOCCURRENCE = ("select entity_a_key, entity_b_key, article_count, first_published_date_key, "
                "last_published_date_key from agg_entity_cooccurrence "
                "order by entity_a_key, entity_b_key")


@dataclass(frozen=True)
class Article:
    """One article version: its key, words, day and the entities it mentions."""

    key: int
    text: str
    day: date = date(2024, 2, 17)
    title: str | None = None
    entities: tuple[int, ...] = field(default=())


def date_key(day: date) -> int:
    """The warehouse's yyyymmdd key."""
    return day.year * 10000 + day.month * 100 + day.day


def star_batch(articles: Iterable[Article], replaced: Iterable[int] = (),
               run_id: str = "r1") -> LoadBatch:
    """dim_article and fct_article_entity rows of `articles`, replacing the keys `replaced`."""
    articles = list(articles)
    replaced = sorted(set(replaced))
    dim_article = pl.DataFrame({
        "article_key": [a.key for a in articles],
        "article_id": [f"{a.key:032x}" for a in articles],
        "natural_key": [f"inbox/{a.key}.json#1" for a in articles],
        "url": [None for _ in articles],
        "title": [a.title for a in articles],
        "published_at": [datetime(a.day.year, a.day.month, a.day.day, 9, tzinfo=UTC)
                         for a in articles],
        "published_date": [a.day for a in articles],
        "published_date_key": [date_key(a.day) for a in articles],
        "source_key": [7 for _ in articles],
        "language": ["en" for _ in articles],
        "word_count": [len(a.text.split()) for a in articles],
        "char_count": [len(a.text) for a in articles],
        "text": [a.text for a in articles],
        "content_hash": [f"hash-{a.key}" for a in articles],
        "file_path": [f"inbox/{a.key}.json" for a in articles],
        "record_number": [1 for _ in articles],
        "run_id": [run_id for _ in articles],
    }, schema_overrides={"url": pl.String(), "title": pl.String(), "article_key": pl.Int64(),
                         "published_date_key": pl.Int32(), "source_key": pl.Int64(),
                         "word_count": pl.Int32(), "char_count": pl.Int32(),
                         "record_number": pl.Int32()})
    pairs = [(a.key, entity, date_key(a.day)) for a in articles for entity in a.entities]
    fct_article_entity = pl.DataFrame(
        {"article_key": [p[0] for p in pairs], "entity_key": [p[1] for p in pairs],
         "published_date_key": [p[2] for p in pairs], "mention_count": [1 for _ in pairs],
         "first_start_char": [0 for _ in pairs], "run_id": [run_id for _ in pairs]},
        schema={"article_key": pl.Int64(), "entity_key": pl.Int64(),
                "published_date_key": pl.Int32(), "mention_count": pl.Int32(),
                "first_start_char": pl.Int32(), "run_id": pl.String()})
    replaced_article = (pl.DataFrame({"article_id": [f"{k:032x}" for k in replaced],
                                      "article_key": replaced},
                                     schema={"article_id": pl.String(),
                                             "article_key": pl.Int64()}))
    return LoadBatch(replaced_article=replaced_article, dim_article=dim_article,
                     fct_article_entity=fct_article_entity)


def load(connection: duckdb.DuckDBPyConnection, articles: Iterable[Article],
         replaced: Iterable[int] = ()) -> None:
    """Load one batch through `load_batch`, the writer's path."""
    load_batch(connection, star_batch(articles, replaced))
