"""fct_sentence_tone and fct_article_tone rows from the sentences' tone scores.

An article's tone is the mean of its sentences' compound scores, not VADER run on the whole
text: VADER's compound is normalised towards ±1 as a text's word scores add up, so a long
article would read as extreme whatever its balance (docs/warehouse.md#tone).
"""

import polars as pl

from newsetl.transforms.star_rows import date_key

# VADER's own thresholds for a positive or negative sentence (compound ≥ 0.05, ≤ -0.05).
POSITIVE_FROM = 0.05
NEGATIVE_FROM = -0.05


def _keys(articles: pl.DataFrame) -> pl.DataFrame:
    return articles.select(
        "article_id", "article_key", date_key(pl.col("published_date")).alias("published_date_key")
    )


def sentence_tone_rows(sentence_tones: pl.DataFrame, articles: pl.DataFrame,
                       run_id: str) -> pl.DataFrame:
    """fct_sentence_tone rows: each scored sentence (SENTENCE_TONE_SCHEMA) keyed to its
    article."""
    return sentence_tones.join(_keys(articles), on="article_id", how="inner",
                               validate="m:1").select(
        "article_key", "published_date_key", "sentence_index", "start_char", "end_char",
        "tone", pl.lit(run_id).alias("run_id"),
    )


def article_tone_rows(sentence_tones: pl.DataFrame, articles: pl.DataFrame,
                      run_id: str) -> pl.DataFrame:
    """fct_article_tone rows: one per article with scored sentences: their mean tone, how
    many there are, the shares that are positive and negative, and the scorer's version."""
    tone = pl.col("tone")
    per_article = sentence_tones.group_by("article_id", maintain_order=True).agg(
        tone.mean().alias("tone"),
        pl.len().cast(pl.Int32).alias("sentence_count"),
        (tone >= POSITIVE_FROM).mean().alias("positive_share"),
        (tone <= NEGATIVE_FROM).mean().alias("negative_share"),
        pl.col("scorer_version").first(),
    )
    return per_article.join(_keys(articles), on="article_id", how="inner",
                            validate="1:1").select(
        "article_key", "published_date_key", "tone", "sentence_count", "positive_share",
        "negative_share", "scorer_version", pl.lit(run_id).alias("run_id"),
    )
