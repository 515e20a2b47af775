"""Amount mentions of articles from their NER spans: one row per MONEY, PERCENT or QUANTITY
span, parsed or with the reason it is not (never dropped)."""

from dataclasses import fields

import polars as pl

from newsetl.transforms.amounts.parse import KINDS, ParsedAmount, parse_amount

AMOUNT_MENTION_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "surface_text": pl.String(),  # exactly as spaCy gave it
    "start_char": pl.Int32(),
    "end_char": pl.Int32(),
    "sentence_index": pl.Int32(),
    "kind": pl.String(),  # money | percent | quantity
    "value": pl.Float64(),  # null iff unparsed_reason is set
    "unit": pl.String(),  # ISO 4217 code, '%', percentage_point, basis_point, or a unit
    "scale_word": pl.String(),  # thousand, million, billion, … as applied; else null
    "qualifier": pl.String(),  # approximate | more_than | less_than; else null
    "range_low": pl.Float64(),  # a range's bounds (unparsed_reason 'range')
    "range_high": pl.Float64(),
    "unparsed_reason": pl.String(),  # one of UNPARSED_REASONS
}
_PARSED = [f.name for f in fields(ParsedAmount)]


# A currency symbol ending right before a span ("$" + "3.5 billion"), at most 6 characters.
_SYMBOL_BEFORE = r"((?:[A-Za-z]{1,3}|U\.S\.)?\$|[£€¥₹₩₽₺₱₦₪฿])\s?$"


def amount_mentions(spans: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """The amount mentions (`AMOUNT_MENTION_SCHEMA`) of NER spans (`NER_SPAN_SCHEMA`) of
    `articles` (`article_id`, `text`), in span order: exactly one row per MONEY, PERCENT or
    QUANTITY span. `kind` follows the label unless the text says otherwise (a MONEY span
    that reads "84 per cent" is a percent)."""
    kept = spans.filter(pl.col("label").is_in(list(KINDS))).join(
        articles.select("article_id", "text"), on="article_id", how="left",
        validate="m:1", maintain_order="left",
    ).with_columns(
        pl.col("text").str.slice(
            (pl.col("start_char") - 6).clip(lower_bound=0),
            pl.col("start_char").clip(upper_bound=6),
        ).str.extract(_SYMBOL_BEFORE).fill_null("").alias("symbol_before")
    )
    parsed = [parse_amount(surface, label, symbol)
              for surface, label, symbol in zip(kept["surface_text"], kept["label"],
                                                kept["symbol_before"], strict=True)]
    columns = {name: [getattr(amount, name) for amount in parsed] for name in _PARSED}
    return kept.with_columns(
        pl.Series(name, values, dtype=AMOUNT_MENTION_SCHEMA[name])
        for name, values in columns.items()
    ).select(pl.col(name).cast(dtype) for name, dtype in AMOUNT_MENTION_SCHEMA.items())
