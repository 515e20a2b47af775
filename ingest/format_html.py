"""HTML articles: text by trafilatura, metadata read by lxml from the page's own markup.

Metadata only, never guessed from text or URL (htmldate is not called):
- published: `article:published_time` meta → JSON-LD `datePublished` (also inside
  `@graph` and lists; an Article-like `@type` preferred) → `itemprop="datePublished"` →
  the first `<time datetime>` inside `<article>`, else in the page;
- title: `og:title` → JSON-LD `headline` → `<title>`; url: canonical link → `og:url` →
  JSON-LD `url`; source: `og:site_name` → JSON-LD `publisher`; language: `<html lang>` →
  `xml:lang` → JSON-LD `inLanguage` → `content-language` meta;
- kept in `raw_record` for `transforms.metadata`: authors (JSON-LD `author` → `author` meta →
  `article:author`), description (`og:description` → `description` meta → JSON-LD),
  section (`article:section` → JSON-LD `articleSection`), keywords (`article:tag` →
  `news_keywords` → `keywords` meta → JSON-LD `keywords`), image URL (`og:image` → JSON-LD
  `image`), modification time (`article:modified_time` → `og:updated_time` → JSON-LD
  `dateModified`).
Text: script, style, noscript, template, nav, footer, aside and iframe elements are
removed before trafilatura sees the page (comments excluded; it gets an lxml tree, never a
URL, so nothing is fetched). Any exception from parsing, or a page libxml2 gave up on
part-way (a fatal error, e.g. elements nested deeper than its limit of 256: the tree it
returns is cut there, and its text would be reported missing) → `FileRejected("malformed_html")`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import lxml.etree
import lxml.html

from newsetl.ingest.errors import FileRejected
from newsetl.ingest.fields import map_record
from newsetl.ingest.records import RecordFields, RecordProblem, cap_text, checked_record
from newsetl.transforms.metadata.sources import metadata_values

# Never article text. Not `form`: ASP.NET pages wrap the whole page in one.
_REMOVED_TAGS = ("script", "style", "noscript", "template", "nav", "footer", "aside", "iframe")
_MAX_LD_DEPTH = 6


def _meta(tree: Any, *names: str) -> str | None:
    """First non-blank `<meta property|name|itemprop=... content>` among `names`."""
    for name in names:
        for attr in ("property", "name", "itemprop", "http-equiv"):
            for value in tree.xpath(
                f"//meta[translate(@{attr},'ABCDEFGHIJKLMNOPQRSTUVWXYZ',"
                f"'abcdefghijklmnopqrstuvwxyz')=$n]/@content",
                n=name,
            ):
                if value.strip():
                    return str(value)
    return None


def _ld_objects(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object in document order, looking into lists and `@graph`."""
    if depth > _MAX_LD_DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            yield from _ld_objects(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        yield from _ld_objects(value.get("@graph"), depth + 1)


def _is_article(obj: dict[str, Any]) -> bool:
    types = obj.get("@type")
    names = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and t.endswith(("Article", "Posting")) for t in names)


def _json_ld_article(tree: Any) -> dict[str, Any]:
    """The page's JSON-LD article object (first with a date, Article types first), or {}."""
    objects: list[dict[str, Any]] = []
    for script in tree.xpath("//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]"):
        try:
            objects.extend(_ld_objects(json.loads(script.text or "")))
        except (ValueError, RecursionError):
            continue  # a broken JSON-LD block costs its metadata, not the page
    ranked = sorted(objects, key=lambda o: (not _is_article(o), "datePublished" not in o))
    return ranked[0] if ranked else {}


_META_ATTRIBUTES = ("property", "name", "itemprop", "http-equiv")


def _meta_index(tree: Any) -> dict[tuple[str, str], list[str]]:
    """Non-blank `<meta content>` values by (attribute, lower-cased name), in page order: read
    once, so looking up a dozen names costs one pass over the page, not one each."""
    index: dict[tuple[str, str], list[str]] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if not content or not content.strip():
            continue
        for attribute in _META_ATTRIBUTES:
            name = element.get(attribute)
            if name:
                index.setdefault((attribute, name.lower()), []).append(str(content))
    return index


def _meta_all(index: dict[tuple[str, str], list[str]], name: str) -> list[str]:
    """Every value of `name` (e.g. one `article:tag` each), attributes in `_meta`'s order."""
    return [value for attribute in _META_ATTRIBUTES for value in index.get((attribute, name), ())]


def _page_metadata(tree: Any, ld: dict[str, Any]) -> dict[str, Any]:
    """The metadata fields (`transforms.metadata`) the page's own markup states: JSON-LD
    first for authors (structured), the page's meta tags first for the rest."""
    from_ld = metadata_values(ld)
    index = _meta_index(tree)

    def meta(name: str) -> str | None:
        return next(iter(_meta_all(index, name)), None)

    return {
        "authors": from_ld["authors"] or _meta_all(index, "author")
        or _meta_all(index, "article:author"),
        "description": _first(meta("og:description"), meta("description"),
                              from_ld["description"]),
        "section": _first(meta("article:section"), from_ld["section"]),
        "keywords": _meta_all(index, "article:tag") or meta("news_keywords") or meta("keywords")
        or from_ld["keywords"],
        "image_url": _first(meta("og:image"), from_ld["image_url"]),
        "modified_at": _first(meta("article:modified_time"), meta("og:updated_time"),
                              from_ld["modified_at"]),
    }


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v is not None and v.strip()), None)


def _metadata(tree: Any, ld_article: dict[str, Any]) -> dict[str, str | None]:
    ld = map_record(ld_article) if ld_article else {}
    times = tree.xpath("//article//time/@datetime") or tree.xpath("//time/@datetime")
    canonical = tree.xpath(
        "//link[contains(concat(' ',translate(@rel,'CANOICL','canoicl'),' '),' canonical ')]/@href"
    )
    return {
        "title": _first(_meta(tree, "og:title"), ld.get("title"), tree.findtext(".//title")),
        "published_raw": _first(
            _meta(tree, "article:published_time"),
            ld.get("published_raw"),
            _meta(tree, "datepublished"),
            *tree.xpath("//*[@itemprop='datePublished']/@datetime"),
            *(str(t) for t in times[:1]),
        ),
        "url": _first(*(str(c) for c in canonical[:1]), _meta(tree, "og:url"), ld.get("url")),
        "source": _first(_meta(tree, "og:site_name"), ld.get("source")),
        "language": _first(
            tree.get("lang"),
            tree.get("xml:lang"),
            ld.get("language"),
            _meta(tree, "content-language"),
        ),
    }


def _article_text(tree: Any) -> str | None:
    # Each element goes with its subtree, its tail text stays. One pass: dropping them one
    # by one (`drop_tree`) joins each tail onto a growing string, quadratic in their number
    # (20,000 `<nav>` took 13 s).
    lxml.etree.strip_elements(tree, *_REMOVED_TAGS, with_tail=False)
    # Imported at first use: 0.6 s that a run reading no HTML page (a rerun) never pays.
    import trafilatura

    return trafilatura.extract(
        tree,
        include_comments=False,
        include_images=False,
        include_links=False,
        with_metadata=False,
        deduplicate=False,
    )


def parse_html(text: str, max_text_chars: int | None = None) -> list[RecordFields | RecordProblem]:
    """The one record of an HTML page (see the module docstring); its text over
    `max_text_chars` (None: no cap) is `text_too_long`."""
    try:
        parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True)
        tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
        fatal = [e for e in parser.error_log if e.level_name == "FATAL"]
        if fatal:
            raise FileRejected("malformed_html", f"the parser stopped at line {fatal[0].line}: "
                               f"{fatal[0].message}")
        ld_article = _json_ld_article(tree)
        fields = _metadata(tree, ld_article)
        page_metadata = _page_metadata(tree, ld_article)
        body = _article_text(tree)
    except FileRejected:
        raise
    except Exception as exc:  # lxml and trafilatura raise many kinds on hostile markup
        raise FileRejected("malformed_html", f"{type(exc).__name__}: {exc}") from exc
    fields["text"] = body if body and body.strip() else None
    raw = {
        **{k: v for k, v in fields.items() if k != "text"},
        **page_metadata,
        "html_chars": len(text),
        "text_chars": len(body or ""),
        "text_head": cap_text(body or "", 1000),
    }
    return [checked_record(1, fields, lambda: json.dumps(raw, ensure_ascii=False),
                           max_text_chars)]
