"""Star-schema rows from loaded articles, their normalized entities and date mentions."""

import polars as pl


def date_key(column: pl.Expr) -> pl.Expr:
    """`yyyymmdd` Int32 of a Date column (dim_date's key)."""
    return column.dt.strftime("%Y%m%d").cast(pl.Int32)


def article_rows(articles: pl.DataFrame, run_id: str) -> pl.DataFrame:
    """dim_article rows of articles being loaded (new, changed or rebuilt)."""
    return articles.select(
        "article_key", "article_id", "natural_key", "url", "title", "published_at",
        "published_date",
        date_key(pl.col("published_date")).alias("published_date_key"),
        "source_key", "language",
        pl.col("text").str.count_matches(r"\S+").cast(pl.Int32).alias("word_count"),
        pl.col("text").str.len_chars().cast(pl.Int32).alias("char_count"),
        "text", "content_hash", "file_path", "record_number",
        pl.lit(run_id).alias("run_id"),
        "description", "section", "keywords", "image_url", "modified_at",
        # declared | detected (migrations/0009); absent before languages were detected
        (pl.col("language_source") if "language_source" in articles.columns
         else pl.lit(None, pl.String())).alias("language_source"),
    )


def source_rows(articles: pl.DataFrame, run_id: str) -> pl.DataFrame:
    """dim_source rows of the sources the articles name."""
    return (
        articles.select("source_key", "source_name")
        .unique("source_key", keep="first", maintain_order=True)
        .with_columns(pl.lit(run_id).alias("run_id"))
    )


def _article_keys(articles: pl.DataFrame) -> pl.DataFrame:
    return articles.select(
        "article_id", "article_key", date_key(pl.col("published_date")).alias("published_date_key")
    )


def entity_mention_rows(mentions: pl.DataFrame, articles: pl.DataFrame,
                        run_id: str) -> pl.DataFrame:
    """fct_entity_mention rows: normalized mentions keyed to their article."""
    return mentions.join(_article_keys(articles), on="article_id", how="inner",
                         validate="m:1").select(
        "article_key", "entity_key", "published_date_key", "surface_text",
        pl.col("label").alias("mention_label"), "start_char", "end_char", "sentence_index",
        "match_rule", "match_score", pl.lit(run_id).alias("run_id"),
    )


def article_entity_rows(mention_rows: pl.DataFrame) -> pl.DataFrame:
    """fct_article_entity rows: the mention rows rolled up per article × entity."""
    return (
        mention_rows.group_by("article_key", "entity_key", maintain_order=True)
        .agg(
            pl.col("published_date_key").first(),
            pl.len().cast(pl.Int32).alias("mention_count"),
            pl.col("start_char").min().alias("first_start_char"),
            pl.col("run_id").first(),
        )
    )


def date_mention_rows(date_mentions: pl.DataFrame, articles: pl.DataFrame,
                      run_id: str) -> pl.DataFrame:
    """fct_date_mention rows: resolved date mentions keyed to their article, with their
    range and anchor."""
    return date_mentions.join(_article_keys(articles), on="article_id", how="inner",
                              validate="m:1").select(
        "article_key", "published_date_key", "surface_text", "start_char", "end_char",
        "sentence_index", "detector", "resolved_date",
        date_key(pl.col("resolved_date")).alias("resolved_date_key"),
        "resolution", "unresolved_reason", "is_ambiguous", pl.lit(run_id).alias("run_id"),
        "resolved_start", "resolved_end", "anchor",
    )


def entity_rows(entities: pl.DataFrame, run_id: str) -> pl.DataFrame:
    """dim_entity rows."""
    return entities.select(
        "entity_key", "canonical_name", "entity_type", "linked_entity_key",
        pl.lit(run_id).alias("run_id"),
    )


def place_rows(places: pl.DataFrame, run_id: str) -> pl.DataFrame:
    """dim_place rows: the place entities' gazetteer attributes, or why they have none."""
    return places.with_columns(pl.lit(run_id).alias("run_id"))


def alias_rows(aliases: pl.DataFrame, run_id: str) -> pl.DataFrame:
    """dim_entity_alias rows."""
    return aliases.select(
        "surface_form", "entity_key", "match_rule", "match_score", pl.lit(run_id).alias("run_id")
    )


def amount_mention_rows(amounts: pl.DataFrame, articles: pl.DataFrame,
                        run_id: str) -> pl.DataFrame:
    """fct_amount_mention rows: parsed amount mentions keyed to their article."""
    return amounts.join(_article_keys(articles), on="article_id", how="inner",
                        validate="m:1").select(
        "article_key", "published_date_key", "surface_text", "start_char", "end_char",
        "sentence_index", "kind", "value", "unit", "scale_word", "qualifier", "range_low",
        "range_high", "unparsed_reason", pl.lit(run_id).alias("run_id"),
    )
