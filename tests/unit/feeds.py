"""RSS 2.0, RSS 1.0 and Atom feeds built from the real Wikinews articles of
`tests/data/wikinews/wikinews_slice.jsonl` (texts by Wikinews contributors, CC BY 2.5; see
that folder's README): the markup real feeds use (CDATA HTML in `content:encoded`, RFC 822
`pubDate`, `dc:creator`, Atom `html` content, `published` and `updated`, RDF `dc:date`)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from email.utils import format_datetime
from html import escape
from pathlib import Path

SLICE = Path(__file__).resolve().parents[1] / "data" / "wikinews" / "wikinews_slice.jsonl"


def wikinews_articles() -> list[dict[str, object]]:
    """The slice's articles that have a date and a text (six of eight)."""
    rows = [json.loads(line) for line in SLICE.read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if r.get("date") and r.get("text")]


def _paragraphs_html(text: str) -> str:
    sentences = [s.strip() for s in str(text).split(". ") if s.strip()]
    middle = len(sentences) // 2 or 1
    return "".join(f"<p>{escape('. '.join(part))}</p>"
                   for part in (sentences[:middle], sentences[middle:]) if part)


def _rfc822(day: str) -> str:
    return format_datetime(datetime.combine(date.fromisoformat(day), datetime.min.time(),
                                            UTC).replace(hour=12))


def rss2(articles: list[dict[str, object]], *, encoding: str = "utf-8") -> str:
    """An RSS 2.0 channel: one item per article, the body as CDATA HTML in content:encoded."""
    items = "".join(f"""
    <item>
      <title>{escape(str(a['title']))}</title>
      <link>{escape(str(a['url']))}</link>
      <guid isPermaLink="false">wikinews-{a['id']}</guid>
      <pubDate>{_rfc822(str(a['date']))}</pubDate>
      <dc:creator>Wikinews contributors</dc:creator>
      <category>{escape(str((a.get('categories') or ['News'])[0]))}</category>
      <description>{escape(str(a['text'])[:120])}…</description>
      <content:encoded><![CDATA[{_paragraphs_html(str(a['text']))}]]></content:encoded>
    </item>""" for a in articles)
    return f"""<?xml version="1.0" encoding="{encoding}"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Wikinews (en)</title>
    <link>https://en.wikinews.org/</link>
    <description>Wikinews, the free news source</description>
    <language>en</language>{items}
  </channel>
</rss>
"""


def atom(articles: list[dict[str, object]], *, published: bool = True) -> str:
    """An Atom feed: HTML content, an alternate link, `updated` always and `published` when
    asked (without it an entry has no publication date)."""
    entries = "".join(f"""
  <entry>
    <title>{escape(str(a['title']))}</title>
    <link rel="alternate" href="{escape(str(a['url']))}"/>
    <id>tag:en.wikinews.org,2005:{a['id']}</id>
    {f"<published>{a['date']}T12:00:00Z</published>" if published else ""}
    <updated>2007-12-31T00:00:00Z</updated>
    <author><name>Wikinews contributors</name></author>
    <content type="html">{escape(_paragraphs_html(str(a['text'])))}</content>
  </entry>""" for a in articles)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Wikinews (en)</title>
  <id>https://en.wikinews.org/</id>
  <updated>2007-12-31T00:00:00Z</updated>{entries}
</feed>
"""


def rss1(articles: list[dict[str, object]]) -> str:
    """An RSS 1.0 (RDF) channel: plain-text descriptions, `dc:date` publication times."""
    items = "".join(f"""
  <item rdf:about="{escape(str(a['url']))}">
    <title>{escape(str(a['title']))}</title>
    <link>{escape(str(a['url']))}</link>
    <description>{escape(str(a['text']))}</description>
    <dc:date>{a['date']}T12:00:00Z</dc:date>
  </item>""" for a in articles)
    return f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://en.wikinews.org/">
    <title>Wikinews (en)</title>
    <link>https://en.wikinews.org/</link>
    <description>Wikinews</description>
  </channel>{items}
</rdf:RDF>
"""
