"""Add the metadata columns to records, read from each record's `raw_record`.

`raw_record` is the record as read (JSON and CSV: the object itself; HTML and feeds: the
fields their readers took from the markup, under the metadata names), so a backfill, which
rebuilds from `raw_article.raw_record`, derives the same metadata as the nightly run. A
`raw_record` that is not a JSON object gives no metadata (no authors, nulls), never an error.
`modified_at` is parsed like a publication time (`dates.parsing.parse_timestamp`, naive
times in `naive_timezone`); a value that does not parse is null: it is kept in `raw_record`
and it never rejects the article.
"""

from __future__ import annotations

import json
from typing import Any

import polars as pl

from newsetl.transforms.dates.parsing import parse_timestamp
from newsetl.transforms.metadata.authors import article_authors
from newsetl.transforms.metadata.sources import metadata_values

METADATA_COLUMNS: dict[str, pl.DataType] = {
    "authors": pl.List(pl.String()),  # distinct names in byline order (authors.py)
    "description": pl.String(),
    "section": pl.String(),
    "keywords": pl.List(pl.String()),
    "image_url": pl.String(),
    "modified_at": pl.Datetime("us", "UTC"),
}
_RAW_MODIFIED = "__modified_raw"
_STRUCT = pl.Struct({**{k: v for k, v in METADATA_COLUMNS.items() if k != "modified_at"},
                     _RAW_MODIFIED: pl.String()})


def _record_metadata(raw_record: str | None) -> dict[str, Any]:
    try:
        record = json.loads(raw_record) if raw_record else None
    except (ValueError, RecursionError):
        record = None
    values = metadata_values(record if isinstance(record, dict) else {})
    values["authors"] = article_authors(values["authors"])
    values[_RAW_MODIFIED] = values.pop("modified_at")
    return values


def _modified_times(raw: pl.Series, naive_timezone: str,
                    date_order: str | None) -> pl.DataFrame:
    """One row per distinct raw modification time: its UTC instant, or null."""
    distinct = raw.drop_nulls().unique().sort().to_list()
    parsed = [parse_timestamp(value, naive_timezone, date_order=date_order).value
              for value in distinct]
    return pl.DataFrame({_RAW_MODIFIED: distinct, "modified_at": parsed},
                        schema={_RAW_MODIFIED: pl.String(),
                                "modified_at": METADATA_COLUMNS["modified_at"]})


def with_article_metadata(records: pl.DataFrame, naive_timezone: str = "UTC",
                          date_order: str | None = None) -> pl.DataFrame:
    """`records` (with `raw_record`) plus the `METADATA_COLUMNS`; no row added or lost."""
    read = records.with_columns(
        pl.col("raw_record").map_elements(_record_metadata, return_dtype=_STRUCT,
                                          skip_nulls=False).alias("__metadata")
    ).unnest("__metadata")
    times = _modified_times(read.get_column(_RAW_MODIFIED), naive_timezone, date_order)
    return read.join(times, on=_RAW_MODIFIED, how="left", maintain_order="left",
                     nulls_equal=False).drop(_RAW_MODIFIED).with_columns(
        # absent is null, like the other columns (authors stay a list: they become rows)
        pl.when(pl.col("keywords").list.len() > 0).then(pl.col("keywords")).alias("keywords"))
