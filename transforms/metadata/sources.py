"""Which export fields fill each metadata field, and how their values are read.

`METADATA_SOURCES` is the one table for metadata, as `ingest.fields.FIELD_SOURCES` is for the
canonical fields: for each metadata field, the export field names that fill it, best first
(news-please, schema.org NewsArticle, feeds as feedparser names them, plain exports). Keys
match as in `ingest.fields` (`field_key`: case- and punctuation-insensitive). Together the
two tables define the fields newsetl knows; any other field of a JSON or CSV record is
counted as ignored (`ignored.py`).

Values are read, never guessed:
- authors: a string, a `{"name": …}` object (schema.org Person or Organization, feedparser
  author), or a list of either; `authors.py` splits and normalizes the strings;
- keywords: a list (strings or `{"term"|"name": …}` objects) or a string split on `,` and
  `;` (schema.org `keywords`, `news_keywords`); blanks dropped, duplicates (case-folded) too;
- image_url: a string, an ImageObject `{"url"|"contentUrl": …}` or a list of them, kept only
  when it is an absolute http(s) URL;
- description, section, modified_at: the first non-blank string (objects: their `name`
  or `value`).
Caps, because the input is untrusted: at most 50 authors or keywords, a keyword or section
over 200 characters is dropped, a description over 2,000 characters is cut there with
`…` (its full text stays in `raw_record`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

METADATA_SOURCES: dict[str, tuple[str, ...]] = {
    "authors": ("authors", "author", "creator", "dc:creator", "byline"),
    "description": ("description", "abstract", "standfirst"),
    "section": ("section", "articleSection", "category"),
    "keywords": ("keywords", "news_keywords", "tags", "categories"),
    "image_url": ("image_url", "image", "thumbnailUrl", "urlToImage", "thumbnail"),
    "modified_at": ("modified_at", "date_modify", "dateModified", "modified", "updated",
                    "updated_at", "lastModified"),
}
METADATA_FIELDS = tuple(METADATA_SOURCES)
LIST_FIELDS = frozenset({"authors", "keywords"})

_NAME_KEYS = ("name", "term", "value", "@value", "#text", "text")
_IMAGE_KEYS = ("url", "contentUrl", "@id", "href")
_MAX_DEPTH = 4
_MAX_ITEMS = 50
_KEYWORD_SPLIT = re.compile(r"[,;]")
MAX_LABEL_CHARS = 200
MAX_DESCRIPTION_CHARS = 2000


def field_key(name: str) -> str:
    """The matching form of a field name: case-folded, letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def _strings(value: Any, keys: tuple[str, ...], depth: int = 0) -> list[str]:
    """The non-blank strings of a value: itself, an object's first key that has one, or
    a list's items (at most `_MAX_ITEMS`)."""
    if depth > _MAX_DEPTH or value is None or isinstance(value, bool):
        return []
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, int | float):
        return [str(value)]
    if isinstance(value, Mapping):
        for key in keys:
            found = _strings(value.get(key), keys, depth + 1)
            if found:
                return found
        return []
    if isinstance(value, list | tuple):
        return [text for item in value[:_MAX_ITEMS] for text in _strings(item, keys, depth + 1)]
    return []


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for value in values:
        if value.casefold() not in seen:
            seen.add(value.casefold())
            kept.append(value)
    return kept


def _keywords(value: Any) -> list[str]:
    parts = ([part.strip() for part in _KEYWORD_SPLIT.split(value)] if isinstance(value, str)
             else _strings(value, _NAME_KEYS))
    return _unique([part for part in parts if part and len(part) <= MAX_LABEL_CHARS])[:_MAX_ITEMS]


def _label(value: Any) -> str | None:
    text = next(iter(_strings(value, _NAME_KEYS)), None)
    return text if text is None or len(text) <= MAX_LABEL_CHARS else None


def _description(value: Any) -> str | None:
    text = next(iter(_strings(value, _NAME_KEYS)), None)
    if text is None or len(text) <= MAX_DESCRIPTION_CHARS:
        return text
    return text[:MAX_DESCRIPTION_CHARS] + "…"


def _image_url(value: Any) -> str | None:
    urls = _strings(value, _IMAGE_KEYS)
    return next((url for url in urls if url.startswith(("http://", "https://"))), None)


def metadata_values(record: Mapping[str, Any]) -> dict[str, Any]:
    """The metadata fields of one record (lists for authors and keywords, strings or None
    for the rest), each from the first source name that gives a usable value."""
    by_key: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(key, str) and by_key.get(field_key(key)) is None:
            by_key[field_key(key)] = value
    found: dict[str, Any] = {field: ([] if field in LIST_FIELDS else None)
                             for field in METADATA_FIELDS}
    for field, names in METADATA_SOURCES.items():
        for name in names:
            value = by_key.get(field_key(name))
            if field == "authors":
                read: Any = _unique(_strings(value, _NAME_KEYS))
            elif field == "keywords":
                read = _keywords(value)
            elif field == "image_url":
                read = _image_url(value)
            elif field == "description":
                read = _description(value)
            elif field == "section":
                read = _label(value)
            else:
                read = _label(value)  # modified_at: a date string is far shorter
            if read:
                found[field] = read
                break
    return found
