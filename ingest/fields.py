"""Map the field names real exports use onto the canonical record fields.

`FIELD_SOURCES` is the one table: for each canonical field, the export field names that
fill it, best first (news-please, schema.org NewsArticle, RSS/Atom as JSON, plain exports).
Keys match case- and punctuation-insensitively (`datePublished` = `date_published` =
`DATEPUBLISHED`), so `publishedAt` (NewsAPI) matches `published_at`. A field that is null,
empty or blank counts as absent and the next name is tried.

Atom's `updated` (and `dateModified`) are deliberately not publication dates: a record
with only those gets no `published_raw` and is quarantined downstream, visibly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from newsetl.ingest.records import CANONICAL_FIELDS

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


def normalize_key(key: str) -> str:
    """The matching form of a field name: case-folded, letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", key.casefold())


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
