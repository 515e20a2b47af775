"""Story clusters of a batch or a rebuilt day: bands computed, stored neighbours read, each
article given its story; the frames go to the load's write sequence with the rest."""

from __future__ import annotations

import duckdb
import polars as pl

from newsetl.warehouse.stories import story_neighbours


def story_frames(connection: duckdb.DuckDBPyConnection, dim_article: pl.DataFrame,
                 replaced_article: pl.DataFrame, run_id: str) -> dict[str, pl.DataFrame]:
    """`dim_article` rows with their `story_key`, their `story_lsh_band` rows, and the
    `story_assignment` of the stored articles whose story changes.

    `replaced_article` (`article_key`) are the stored articles going (changed, retired,
    rebuilt): their stories are computed again without them. Read outside the load's
    transaction, under the writer lock: nothing else writes meanwhile."""
    if dim_article.is_empty() and replaced_article.is_empty():
        return {}
    # Imported here: its numpy (0.4 s) is for batches with articles, never a rerun's.
    from newsetl.transforms.articles.stories import assign_stories, band_rows

    if dim_article.is_empty():  # only retired articles: their stories split again
        dim_article = pl.DataFrame(schema={"article_key": pl.Int64(), "text": pl.String(),
                                           "published_at": pl.Datetime("us", "UTC")})
    if replaced_article.is_empty():
        replaced_article = pl.DataFrame(schema={"article_key": pl.Int64()})
    bands = band_rows(dim_article.select("article_key", "text"))
    stored = story_neighbours(connection, bands, replaced_article)
    stories = assign_stories(dim_article.select("article_key", "published_at"), bands, stored)
    return {
        "dim_article": dim_article.join(stories.loaded, on="article_key", how="left",
                                        maintain_order="left"),
        "story_lsh_band": bands.with_columns(pl.lit(run_id).alias("run_id")),
        "story_assignment": stories.moved,
    }
