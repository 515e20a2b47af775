"""Map the field names real exports use onto the canonical record fields.

`FIELD_SOURCES` is the one table: for each canonical field, the export field names that
fill it, best first (news-please, schema.org NewsArticle, RSS/Atom as JSON, plain exports).
Keys match case- and punctuation-insensitively (`datePublished` = `date_published` =
`DATEPUBLISHED`), so `publishedAt` (NewsAPI) matches `published_at`. A field that is null,
empty or blank counts as absent and the next name is tried.

Atom's `updated` (and `dateModified`) are deliberately not publication dates: a record
with only those gets no `published_raw` and is quarantined downstream, visibly; they fill
`modified_at` (`transforms.metadata.sources.METADATA_SOURCES`, the metadata fields' table).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from newsetl.ingest.records import CANONICAL_FIELDS
from newsetl.transforms.metadata.ignored import ignored_field_counts
from newsetl.transforms.metadata.sources import METADATA_SOURCES, field_key

FIELD_SOURCES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "text": (
        "maintext",  # news-please
        "articleBody",  # schema.org
        "content:encoded",  # RSS content module
        "text",
        "body",
        "content",  # Atom / plain
        "description",  # RSS item body; news-please lead
        "summary",  # Atom
    ),
    "published_raw": (
        "date_publish",  # news-please
        "datePublished",  # schema.org
        "published_at",  # plain; also NewsAPI publishedAt
        "published",  # Atom / plain
        "pubDate",  # RSS
        "date",
        # schema.org CreativeWork (also GUM's `date_created`): a page's own creation date,
        # used only when nothing above names a publication date
        "dateCreated",
    ),
    "url": ("url", "link", "canonical_url"),
    "source": ("source", "publisher", "site_name", "source_domain"),
    "language": ("language", "inLanguage", "lang"),
}

# Keys read inside an object value, per canonical field (e.g. `publisher: {"name": ...}`).
_OBJECT_KEYS: dict[str, tuple[str, ...]] = {
    "url": ("href", "url", "@id", "value"),
    "language": ("alternateName", "name", "value", "@value"),
}
_DEFAULT_OBJECT_KEYS = ("name", "value", "#text", "text", "title", "@value", "$date")
# Lists are joined for these fields; the others take the first usable element.
_JOINED_FIELDS = frozenset({"title", "text"})
_MAX_DEPTH = 4


normalize_key = field_key  # the matching form of a field name (shared with the metadata table)

KNOWN_FIELD_KEYS: frozenset[str] = frozenset(
    field_key(name)
    for sources in (FIELD_SOURCES, METADATA_SOURCES)
    for names in sources.values()
    for name in names
)
"""Every field name a mapping reads (matching form): any other field of a record is counted
as ignored (`transforms.metadata.ignored`)."""


def _is_preferred_link(item: Any) -> bool:
    return not isinstance(item, Mapping) or item.get("rel") in (None, "alternate")


def value_text(value: Any, field: str, depth: int = 0) -> str | None:
    """The text of one field value: strings as they are, numbers in their string form."""
    if depth > _MAX_DEPTH or value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return None if not value or value.isspace() else value  # no copy of a long text
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping):
        for key in _OBJECT_KEYS.get(field, _DEFAULT_OBJECT_KEYS):
            text = value_text(value.get(key), field, depth + 1)
            if text is not None:
                return text
        return None
    if isinstance(value, list | tuple):
        items = [v for v in value if field != "url" or _is_preferred_link(v)] or list(value)
        texts = [t for v in items if (t := value_text(v, field, depth + 1)) is not None]
        if not texts:
            return None
        return "\n".join(texts) if field in _JOINED_FIELDS else texts[0]
    return None


def map_record(obj: Mapping[str, Any]) -> dict[str, str | None]:
    """The canonical fields of one exported record (None where absent)."""
    by_key: dict[str, Any] = {}
    for key, value in obj.items():
        if isinstance(key, str) and by_key.get(normalize_key(key)) is None:
            by_key[normalize_key(key)] = value  # first non-null of keys equal when normalized
    mapped: dict[str, str | None] = dict.fromkeys(CANONICAL_FIELDS)
    for field in CANONICAL_FIELDS:
        for name in FIELD_SOURCES[field]:
            text = value_text(by_key.get(normalize_key(name)), field)
            if text is not None:
                mapped[field] = text
                break
    return mapped


def ignored_field_rows(records: pl.DataFrame, run_id: str) -> pl.DataFrame:
    """`etl_ignored_field` rows of a batch's records (`RAW_RECORD_SCHEMA`): the fields no
    mapping here reads, with how many records had each."""
    return ignored_field_counts(records, KNOWN_FIELD_KEYS).with_columns(
        pl.lit(run_id).alias("run_id"))
