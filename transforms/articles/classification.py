"""New, changed, unchanged or duplicate: each valid record against the warehouse.

- Same `article_id` as a stored article: `unchanged` when the content hash matches,
  else `changed` (its old rows are replaced).
- New `article_id` whose content hash is stored under another article (or appears earlier
  in this batch): `duplicate`, recorded with the article it duplicates, not loaded.
- A second record of one `article_id` in one batch: `duplicate` when its content is the same,
  else `conflicting_version` (quarantined: two different texts claim one identity).
Records are taken in `file_path`, `record_number` order, so "first" is deterministic.
"""

import polars as pl


def classify_articles(batch: pl.DataFrame, existing: pl.DataFrame) -> pl.DataFrame:
    """`batch` with `outcome` and `duplicate_of_article_id`.

    `existing` holds (`article_id`, `content_hash`) of stored articles that share an id or
    a content hash with the batch (the caller selects them, so this never scans the
    warehouse). When an id appears more than once, its last row is its current version.
    """
    ordered = batch.sort("file_path", "record_number").with_columns(
        (pl.int_range(pl.len()).over("article_id") == 0).alias("__first_of_id"),
        pl.col("content_hash").first().over("article_id").alias("__first_hash_of_id"),
    )
    stored_by_id = existing.unique("article_id", keep="last", maintain_order=True).rename(
        {"content_hash": "__stored_hash"})
    stored_by_hash = (
        existing.sort("article_id")
        .group_by("content_hash", maintain_order=True)
        .agg(pl.col("article_id").first().alias("__stored_id_of_hash"))
    )
    joined = (
        ordered.join(stored_by_id, on="article_id", how="left", maintain_order="left")
        .join(stored_by_hash, on="content_hash", how="left", maintain_order="left")
        .with_columns(
            # The first record bringing this content in: a new article or a changed one.
            pl.col("article_id")
            .filter(pl.col("__first_of_id")
                    & pl.col("__stored_hash").ne_missing(pl.col("content_hash")))
            .first()
            .over("content_hash")
            .alias("__first_new_id_of_hash")
        )
    )
    is_stored = pl.col("__stored_hash").is_not_null()
    hash_stored_elsewhere = pl.col("__stored_id_of_hash").is_not_null() & (
        pl.col("__stored_id_of_hash") != pl.col("article_id")
    )
    earlier_in_batch = pl.col("__first_new_id_of_hash") != pl.col("article_id")
    outcome = (
        pl.when(~pl.col("__first_of_id"))
        .then(
            pl.when(pl.col("content_hash") == pl.col("__first_hash_of_id"))
            .then(pl.lit("duplicate"))
            .otherwise(pl.lit("conflicting_version"))
        )
        .when(is_stored & (pl.col("__stored_hash") == pl.col("content_hash")))
        .then(pl.lit("unchanged"))
        .when(is_stored)
        .then(pl.lit("changed"))
        .when(hash_stored_elsewhere | earlier_in_batch)
        .then(pl.lit("duplicate"))
        .otherwise(pl.lit("new"))
    )
    duplicate_of = (
        pl.when(~pl.col("__first_of_id"))
        .then(pl.col("article_id"))
        .when(hash_stored_elsewhere)
        .then(pl.col("__stored_id_of_hash"))
        .otherwise(pl.col("__first_new_id_of_hash"))
    )
    return joined.with_columns(
        outcome.alias("outcome"),
    ).with_columns(
        pl.when(pl.col("outcome") == "duplicate").then(duplicate_of).otherwise(None)
        .alias("duplicate_of_article_id"),
    ).drop(
        "__first_of_id", "__first_hash_of_id", "__stored_hash", "__stored_id_of_hash",
        "__first_new_id_of_hash",
    )
