"""Article languages: the declared one normalized to ISO 639-1, else the detected one.

Inputs declare languages as `en`, `en-US`, `pt_BR`, `eng`, `ger` or `English`; the warehouse
keeps the two-letter ISO 639-1 code only, and whether it was declared or detected.
"""

from functools import cache

import polars as pl
import pycountry

LANGUAGE_SCHEMA: dict[str, pl.DataType] = {"article_id": pl.String(), "language": pl.String()}


@cache
def _iso_639_1_by_name() -> dict[str, str]:
    """Every ISO 639-1 language under its two-letter code, three-letter codes (terminology
    and bibliographic) and English name, all lower case (built at first use: 0.1-0.2 s that
    a run with no article to load never pays)."""
    names: dict[str, str] = {}
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None)
        if code is None:
            continue
        for name in (code, language.alpha_3, getattr(language, "bibliographic", None),
                     language.name):
            if name:
                names[name.lower()] = code
    return names



def declared_language(language: pl.Expr) -> pl.Expr:
    """The ISO 639-1 code of a declared language (`en-US` → `en`, `ger` → `de`,
    `English` → `en`); null when it names no ISO 639-1 language."""
    primary = language.str.strip_chars().str.to_lowercase().str.split_exact("-", 1) \
        .struct.field("field_0").str.split_exact("_", 1).struct.field("field_0")
    return primary.replace_strict(_iso_639_1_by_name(), default=None,
                                  return_dtype=pl.String())


def undeclared(articles: pl.DataFrame) -> pl.DataFrame:
    """`article_id`, `text` of the articles whose declared language names none we know:
    the ones to detect."""
    return articles.filter(declared_language(pl.col("language")).is_null()) \
        .select("article_id", "text")


def with_languages(articles: pl.DataFrame, detected: pl.DataFrame) -> pl.DataFrame:
    """`articles` with `language` the declared one normalized, else the detected one
    (`detected`: LANGUAGE_SCHEMA), and `language_source` (`declared`, `detected`, or null
    when neither is known)."""
    declared = declared_language(pl.col("language"))
    joined = articles.join(detected.rename({"language": "detected_language"}),
                           on="article_id", how="left", validate="m:1")
    return joined.with_columns(
        pl.when(declared.is_not_null()).then(pl.lit("declared"))
        .when(pl.col("detected_language").is_not_null()).then(pl.lit("detected"))
        .otherwise(pl.lit(None, pl.String())).alias("language_source"),
        pl.coalesce(declared, pl.col("detected_language")).alias("language"),
    ).drop("detected_language")
