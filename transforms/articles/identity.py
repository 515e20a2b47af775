"""Article identity: natural key, `article_id`, `article_key`, `content_hash`, source.

The natural key is the URL when the record has one (scheme and host lower-cased, fragment
and trailing slash dropped), else `<inbox-relative path>#<record number>`. The content hash
covers the cleaned title, text, publication time, url and source: it decides whether a
record is unchanged, changed or a duplicate of another article.
"""

import polars as pl

from newsetl.transforms.keys import content_hash_column, id_column, key_column

ARTICLE_NAMESPACE = "article"
SOURCE_NAMESPACE = "source"
UNKNOWN_SOURCE = "unknown"

_URL_PARTS = r"^(?i)(https?)://([^/?#]+)([^#]*)"


def normalized_url(url: pl.Expr) -> pl.Expr:
    """Scheme and host lower-cased, fragment and trailing slash dropped; other URLs as given."""
    scheme = url.str.extract(_URL_PARTS, 1).str.to_lowercase()
    host = url.str.extract(_URL_PARTS, 2).str.to_lowercase()
    rest = url.str.extract(_URL_PARTS, 3).str.strip_chars_end("/")
    web = pl.concat_str([scheme, pl.lit("://"), host, rest])
    return pl.when(scheme.is_not_null()).then(web).otherwise(url)


def source_name(source: pl.Expr, url: pl.Expr) -> pl.Expr:
    """The publisher: the record's source field, else its URL's host without `www.`."""
    # The publisher is the host name: no credentials, no port, no `www.`.
    host = (url.str.extract(_URL_PARTS, 2).str.to_lowercase()
            .str.replace(r"^.*@", "").str.replace(r":\d*$", "").str.replace(r"^www\.", ""))
    named = source.str.strip_chars().str.to_lowercase().str.replace(r"^www\.", "")
    return pl.coalesce(named, host, pl.lit(UNKNOWN_SOURCE))


def with_identity(records: pl.DataFrame) -> pl.DataFrame:
    """Cleaned, dated records with `natural_key`, `article_id`, `article_key`, `source_name`,
    `source_key`, `content_hash`."""
    location = pl.concat_str(
        [pl.col("file_path"), pl.lit("#"), pl.col("record_number").cast(pl.String)]
    )
    with_keys = records.with_columns(
        normalized_url(pl.col("url")).alias("__url_normalized"),
    ).with_columns(
        pl.coalesce(pl.col("__url_normalized"), location).alias("natural_key"),
        source_name(pl.col("source"), pl.col("url")).alias("source_name"),
        pl.col("published_at").dt.to_string("%Y-%m-%dT%H:%M:%S%.fZ").alias("__published_text"),
    )
    return with_keys.with_columns(
        id_column(ARTICLE_NAMESPACE, pl.col("natural_key")).alias("article_id"),
        key_column(ARTICLE_NAMESPACE, pl.col("natural_key")).alias("article_key"),
        key_column(SOURCE_NAMESPACE, pl.col("source_name")).alias("source_key"),
        # The URL as normalised: a trailing slash or host case is not a content change.
        content_hash_column(["title", "text", "__published_text", "__url_normalized",
                             "source_name"]).alias("content_hash"),
    ).drop("__published_text", "__url_normalized")
