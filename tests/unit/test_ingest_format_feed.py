"""RSS and Atom feeds through the file edge: one record per item, fields from the item
itself, bad feeds quarantined with a reason (feeds built from real Wikinews articles)."""

import json

import pytest

from newsetl.ingest.errors import FileRejected
from newsetl.ingest.format_feed import parse_feed
from newsetl.ingest.parse import format_kind, parse_file
from newsetl.ingest.records import RecordFields, RecordProblem
from tests.unit.feeds import atom, rss1, rss2, wikinews_articles

ARTICLES = wikinews_articles()


def _records(path: str, text: str, encoding: str = "utf-8"):
    parsed = parse_file(path, text.encode(encoding))
    return parsed, [r for r in parsed.records]


def test_rss2_gives_one_record_per_item_with_the_item_s_own_fields():
    parsed, records = _records("wikinews.rss", rss2(ARTICLES))
    assert parsed.file_format == "feed"
    assert len(records) == len(ARTICLES) == 6
    first, article = records[0], ARTICLES[0]
    assert first.title == article["title"]
    assert first.url == article["url"]
    assert first.published_raw == "Sat, 13 Nov 2004 12:00:00 +0000"
    assert first.source == "Wikinews (en)"
    assert first.language == "en"
    # The full body from content:encoded, not the 120-character description.
    assert first.text.split()[:6] == str(article["text"]).split()[:6]
    assert len(first.text) > 0.9 * len(str(article["text"]))
    raw = json.loads(first.raw_record)
    assert raw["authors"] == ["Wikinews contributors"]
    assert raw["id"] == "wikinews-ID736"


def test_html_paragraphs_become_paragraph_breaks_and_no_markup_is_left():
    _, records = _records("wikinews.rss", rss2(ARTICLES[:1]))
    text = records[0].text
    assert "\n\n" in text.strip()
    assert "<p>" not in text
    assert "&lt;" not in text


def test_atom_uses_published_never_updated():
    _, records = _records("wikinews.atom", atom(ARTICLES))
    assert [r.published_raw for r in records] == [f"{a['date']}T12:00:00Z" for a in ARTICLES]
    assert [r.url for r in records] == [a["url"] for a in ARTICLES]
    _, undated = _records("wikinews.atom", atom(ARTICLES, published=False))
    assert {r.published_raw for r in undated} == {None}
    assert json.loads(undated[0].raw_record)["updated"] == "2007-12-31T00:00:00Z"


def test_rss1_rdf_items_with_dc_date():
    parsed, records = _records("wikinews.xml", rss1(ARTICLES))
    assert parsed.file_format == "feed"
    assert [r.published_raw for r in records] == [f"{a['date']}T12:00:00Z" for a in ARTICLES]
    assert records[-1].text == ARTICLES[-1]["text"]


def test_feeds_are_sniffed_by_their_root_whatever_the_extension():
    assert format_kind("feed.xml", rss2(ARTICLES[:1])) == "feed"
    assert format_kind("feed", atom(ARTICLES[:1])) == "feed"
    assert format_kind("feed.dat", rss1(ARTICLES[:1])) == "feed"
    with pytest.raises(FileRejected) as info:
        format_kind("catalog.xml", "<?xml version='1.0'?><catalog><book/></catalog>")
    assert info.value.reason_code == "unsupported_format"


def test_a_declared_legacy_encoding_is_read_right():
    """The edge decodes the bytes (cp1252 here); feedparser must not decode them again."""
    article = {**ARTICLES[0], "title": "Lula da Silva meets Hu Jintao in Brasília"}
    _, records = _records("latin.rss", rss2([article], encoding="windows-1252"),
                               encoding="cp1252")
    assert records[0].title == "Lula da Silva meets Hu Jintao in Brasília"
    assert "Inácio" in records[0].text


def test_an_item_over_the_text_cap_is_text_too_long_and_the_others_load():
    records = parse_feed(rss2(ARTICLES), max_text_chars=1000)
    problems = [r for r in records if isinstance(r, RecordProblem)]
    loaded = [r for r in records if isinstance(r, RecordFields)]
    assert {p.reason_code for p in problems} == {"text_too_long"}
    assert len(problems) + len(loaded) == len(ARTICLES)
    assert problems
    assert loaded


def test_a_feed_with_no_readable_item_is_malformed_feed():
    with pytest.raises(FileRejected) as info:
        parse_file("broken.rss", b"<rss version='2.0'><channel>&undefined; <<<")
    assert info.value.reason_code == "malformed_feed"


def test_a_feed_that_is_not_well_formed_still_loads_what_can_be_read():
    text = rss2(ARTICLES[:2]).replace("</channel>", "&nbsp;</channel>")
    _, records = _records("loose.rss", text)
    assert [r.url for r in records] == [a["url"] for a in ARTICLES[:2]]


def test_a_path_or_url_given_as_the_text_is_never_opened(tmp_path):
    """feedparser opens a string that names a file or a URL; the reader hands it bytes, so a
    path is only (malformed) data, even when the file it names is a good feed."""
    feed = tmp_path / "elsewhere.rss"
    feed.write_text(rss2(ARTICLES[:1]), encoding="utf-8")
    for text in (str(feed), f"file://{feed}"):
        with pytest.raises(FileRejected) as info:
            parse_feed(text)
        assert info.value.reason_code == "malformed_feed"
