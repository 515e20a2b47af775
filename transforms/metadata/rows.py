"""dim_author and bridge_article_author rows of the articles being loaded."""

from __future__ import annotations

import polars as pl

from newsetl.transforms.metadata.authors import author_key, normalized_name

DIM_AUTHOR_SCHEMA: dict[str, pl.DataType] = {
    "author_key": pl.Int64(), "author_name": pl.String(), "normalized_name": pl.String(),
    "run_id": pl.String(),
}  # fmt: skip
BRIDGE_ARTICLE_AUTHOR_SCHEMA: dict[str, pl.DataType] = {
    "article_key": pl.Int64(), "author_key": pl.Int64(), "author_position": pl.Int32(),
    "author_name": pl.String(), "run_id": pl.String(),
}  # fmt: skip


def bridge_article_author_rows(articles: pl.DataFrame, run_id: str) -> pl.DataFrame:
    """One row per article × author (`authors` column, distinct names in byline order):
    `author_position` 1 is the first byline name; `author_name` is as this article wrote it."""
    exploded = (
        articles.select("article_key", pl.col("authors").alias("author_name"))
        .with_columns(pl.int_ranges(1, pl.col("author_name").list.len() + 1, dtype=pl.Int32)
                      .alias("author_position"))
        .explode("author_name", "author_position")
        .drop_nulls("author_name")  # an article without authors has one null row here
    )
    return exploded.select(
        "article_key",
        pl.col("author_name").map_elements(author_key, return_dtype=pl.Int64).alias("author_key"),
        "author_position", "author_name", pl.lit(run_id).alias("run_id"),
    ).cast(BRIDGE_ARTICLE_AUTHOR_SCHEMA)  # type: ignore[arg-type]


def author_rows(bridge_rows: pl.DataFrame) -> pl.DataFrame:
    """dim_author rows of the authors in `bridge_rows`: one per key, named as first seen
    (the dimension is append-only, so a name already stored keeps its first spelling)."""
    return (
        bridge_rows.unique("author_key", keep="first", maintain_order=True)
        .select(
            "author_key", "author_name",
            pl.col("author_name").map_elements(normalized_name, return_dtype=pl.String)
            .alias("normalized_name"),
            "run_id",
        )
        .cast(DIM_AUTHOR_SCHEMA)  # type: ignore[arg-type]
    )
