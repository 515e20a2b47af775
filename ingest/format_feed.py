"""RSS 0.9x/1.0/2.0 and Atom feeds, read by feedparser: one record per item.

feedparser gets the file's bytes as a stream, never a string: given a string it would fetch
anything that looks like a URL and open anything that names a local file. External entities
are not resolved (feedparser turns them off in its SAX parser). The XML declaration's
`encoding` is rewritten to UTF-8 because the bytes handed over are the text this edge has
already decoded (`ingest/decoding.py`).

Per item, from the item itself and never guessed:
- title: the item's `title`;
- text: the longest of its `content` values (RSS `content:encoded`, Atom `content`), else
  its `summary` (RSS `description`, Atom `summary`); HTML becomes text with a paragraph break
  after every block element (feedparser has already sanitised it);
- published: the item's own `published` (RSS `pubDate`, Atom `published`, `dcterms:issued`);
  in an RSS feed, else its `dc:date` (feedparser files it as `updated`; it is the one item
  date of RSS 1.0 and the usual one when `pubDate` is missing). Atom's `updated` is not a
  publication date (`ingest/fields.py`), so an Atom entry with only that is quarantined
  downstream as undated;
- url: the item's `link` (its `alternate` link in Atom), else its `id` when that is an http(s)
  URL: the natural key of the article;
- source: the feed's `title`; language: the item's, else the feed's `language`.
Its authors, tags, id and update time go into the record's `raw_record`, with what
`transforms.metadata` reads besides: `description`, the item's summary when its text came
from a `content` element (else the summary is the text), and `image_url`, the first image of
its `media:thumbnail`, `media:content` (an image medium or type) or `enclosure` (an image
type).

A feed that is not well-formed XML is still read by feedparser's lenient parser (real feeds
often are not), so its items load; one that yields no item at all is `malformed_feed` when
it was not well-formed, else `no_records`.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import lxml.etree
import lxml.html

from newsetl.ingest.errors import FileRejected
from newsetl.ingest.records import RecordFields, RecordProblem, cap_text, checked_record

FEED_START = re.compile(r"<(?:rss|feed|(?:[A-Za-z_][\w.-]*:)?RDF)\b")
"""The root element of an RSS, Atom or RSS 1.0 (RDF) document."""

_DECLARED_ENCODING = re.compile(r"""(<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""")
_BLOCK_TAGS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
               "blockquote", "pre", "tr", "table", "figure", "figcaption", "section", "article")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _html_text(fragment: str) -> str:
    """The text of an HTML fragment, a paragraph break after each block element."""
    try:
        tree = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return fragment
    for element in tree.iter(*_BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
    return str(tree.text_content())


def _as_text(detail: Any) -> str | None:
    """The text of a feedparser text construct (`{"type": …, "value": …}`)."""
    value = detail.get("value") if detail else None
    if not value or value.isspace():
        return None
    if detail.get("type") in _HTML_TYPES:
        value = _html_text(value)
    return value if value.strip() else None


def _item_text(entry: Any) -> str | None:
    contents = [t for c in entry.get("content") or () if (t := _as_text(c)) is not None]
    if contents:
        return max(contents, key=len)
    return _as_text(entry.get("summary_detail"))


def _item_url(entry: Any) -> str | None:
    link = entry.get("link")
    if link:
        return str(link)
    identifier = str(entry.get("id") or "")
    return identifier if identifier.startswith(("http://", "https://")) else None


def _published(entry: Any, is_rss: bool) -> str | None:
    # dict.get: feedparser's own get() maps a missing key to a neighbour (updated ↔ published).
    published = dict.get(entry, "published") or (dict.get(entry, "updated") if is_rss else None)
    return str(published) if published else None


def _item_image(entry: Any) -> str | None:
    candidates = [m.get("url") for m in entry.get("media_thumbnail") or ()]
    candidates += [m.get("url") for m in entry.get("media_content") or ()
                   if m.get("medium") == "image" or str(m.get("type", "")).startswith("image/")]
    candidates += [link.get("href") for link in entry.get("links") or ()
                   if link.get("rel") == "enclosure"
                   and str(link.get("type", "")).startswith("image/")]
    return next((str(url) for url in candidates if url), None)


def _raw_record(entry: Any, fields: dict[str, str | None]) -> str:
    raw = {
        **{k: v for k, v in fields.items() if k != "text"},
        "id": entry.get("id"),
        "updated": dict.get(entry, "updated"),
        "authors": [a.get("name") or a.get("email") for a in entry.get("authors") or ()
                    if a.get("name") or a.get("email")],
        "tags": [t.get("term") for t in entry.get("tags") or () if t.get("term")],
        "description": (_as_text(entry.get("summary_detail")) if entry.get("content")
                        else None),
        "image_url": _item_image(entry),
        "text_chars": len(fields.get("text") or ""),
        "text_head": cap_text(fields.get("text") or "", 1000),
    }
    return json.dumps(raw, ensure_ascii=False)


def parse_feed(text: str, max_text_chars: int | None = None) -> list[RecordFields | RecordProblem]:
    """One record per feed item (see the module docstring); an item's text over
    `max_text_chars` (None: no cap) is `text_too_long`."""
    import feedparser  # at first use: a run reading no feed (a rerun) never pays it

    data = _DECLARED_ENCODING.sub(r"\1\2utf-8\2", text, count=1).encode("utf-8")
    try:
        parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    except Exception as exc:  # feedparser's lenient parser raises many kinds on hostile input
        raise FileRejected("malformed_feed", f"{type(exc).__name__}: {exc}") from exc
    if not parsed.entries:
        if parsed.get("bozo"):
            raise FileRejected("malformed_feed", f"no item could be read: "
                               f"{parsed.get('bozo_exception')}")
        return []
    source = parsed.feed.get("title") or None
    feed_language = parsed.feed.get("language") or None
    is_rss = str(parsed.get("version") or "").startswith("rss")
    records: list[RecordFields | RecordProblem] = []
    for number, entry in enumerate(parsed.entries, start=1):
        fields: dict[str, str | None] = {
            "title": entry.get("title") or None,
            "text": _item_text(entry),
            "published_raw": _published(entry, is_rss),
            "url": _item_url(entry),
            "source": source,
            "language": (entry.get("content") or [{}])[0].get("language") or feed_language,
        }
        records.append(checked_record(number, fields,
                                      lambda e=entry, f=fields: _raw_record(e, f),
                                      max_text_chars))
    return records
