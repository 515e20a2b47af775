"""Input fields no mapping reads, counted per field name, so a new feed format is noticed.

Only records whose `raw_record` is the input object itself are looked at: JSON, JSON Lines,
JSON arrays and CSV (each also gzipped). HTML, feed and text records carry what their
readers chose to keep, so nothing in them was ignored by a mapping. A field is known when
its `field_key` is one of `known_keys` (the caller passes every name of the canonical and
metadata mappings: one list, `ingest.fields.KNOWN_FIELD_KEYS`). A field counts for a record
whatever its value, null included: it is in the input and nothing reads it. JSON-LD's
`@context`, `@type` and `@id` describe the record rather than hold article data, so they are
never counted (schema.org exports would otherwise report them every night).
"""

from __future__ import annotations

import json
from collections.abc import Set

import polars as pl

from newsetl.transforms.display import display_text
from newsetl.transforms.metadata.sources import field_key

OBJECT_FORMATS = ("json", "jsonl", "json_array", "csv")
IGNORED_FIELD_SCHEMA: dict[str, pl.DataType] = {
    "field_name": pl.String(),  # as the input spells it
    "records": pl.Int64(),  # records of the batch that have it
    "example_file": pl.String(),  # the first file of the batch that has it
}
MAX_FIELD_NAME_CHARS = 200
JSON_LD_KEYWORDS = frozenset({"@context", "@type", "@id"})


def _record_fields(raw_record: str, known_keys: Set[str]) -> list[str]:
    try:
        record = json.loads(raw_record)
    except (ValueError, RecursionError):
        return []
    if not isinstance(record, dict):
        return []
    return [key[:MAX_FIELD_NAME_CHARS] for key in record
            if isinstance(key, str) and key not in JSON_LD_KEYWORDS
            and field_key(key) not in known_keys]


def ignored_field_counts(records: pl.DataFrame, known_keys: Set[str]) -> pl.DataFrame:
    """Per ignored field name: how many of `records` (`RAW_RECORD_SCHEMA`) have it, and the
    first file that does (`IGNORED_FIELD_SCHEMA`, most frequent first)."""
    objects = records.filter(
        pl.col("file_format").str.replace(r"\+gz$", "").is_in(OBJECT_FORMATS)
    )
    names = [_record_fields(raw, known_keys) if raw else []
             for raw in objects.get_column("raw_record").to_list()]
    exploded = (
        pl.DataFrame({"example_file": objects.get_column("file_path"),
                      "field_name": pl.Series(names, dtype=pl.List(pl.String()))})
        .explode("field_name")
        .drop_nulls("field_name")  # a record with no ignored field has one null row here
    )
    return (
        exploded.group_by("field_name", maintain_order=True)
        .agg(pl.len().cast(pl.Int64).alias("records"), pl.col("example_file").first())
        .sort("records", "field_name", descending=[True, False])
        .select(list(IGNORED_FIELD_SCHEMA))
        .cast(IGNORED_FIELD_SCHEMA)  # type: ignore[arg-type]
    )


def ignored_fields_line(ignored: pl.DataFrame, shown: int = 8) -> str:
    """`field (n records), …` for the run summary, most frequent first, at most `shown`
    names then how many more; `none` when nothing was ignored. Names are escaped for the
    terminal (they come from the input)."""
    if ignored.is_empty():
        return "none"
    ordered = ignored.sort("records", "field_name", descending=[True, False])
    parts = [f"{display_text(name)} ({records:,} record{'' if records == 1 else 's'})"
             for name, records in ordered.select("field_name", "records").head(shown).iter_rows()]
    if ordered.height > shown:
        parts.append(f"and {ordered.height - shown} more")
    return ", ".join(parts)
