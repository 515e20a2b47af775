"""Field mapping: each export's names land on the canonical fields, in priority order."""

import pytest

from newsetl.ingest.fields import FIELD_SOURCES, map_record
from newsetl.ingest.records import CANONICAL_FIELDS


def test_table_covers_exactly_the_canonical_fields():
    assert tuple(FIELD_SOURCES) == CANONICAL_FIELDS


def test_news_please():
    record = {
        "authors": ["A. Writer"],
        "date_download": "2021-03-05 08:00:00",
        "date_modify": None,
        "date_publish": "2021-03-04 12:00:00",
        "description": "The lead.",
        "language": "en",
        "maintext": "The main text.",
        "source_domain": "example.com",
        "title": "A title",
        "url": "https://example.com/a",
    }
    assert map_record(record) == {
        "title": "A title",
        "text": "The main text.",
        "published_raw": "2021-03-04 12:00:00",
        "url": "https://example.com/a",
        "source": "example.com",
        "language": "en",
    }


def test_schema_org_news_article():
    record = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Headline",
        "articleBody": "Body.",
        "description": "Short.",
        "datePublished": "2024-01-02T03:04:05+01:00",
        "dateModified": "2024-01-03T00:00:00Z",
        "url": "https://news.example/x",
        "publisher": {"@type": "Organization", "name": "Example News"},
        "inLanguage": "de",
    }
    assert map_record(record) == {
        "title": "Headline",
        "text": "Body.",
        "published_raw": "2024-01-02T03:04:05+01:00",
        "url": "https://news.example/x",
        "source": "Example News",
        "language": "de",
    }


def test_rss_item_as_json():
    record = {
        "title": "RSS title",
        "link": "https://feed.example/1",
        "description": "<p>Item body</p>",
        "pubDate": "Tue, 10 Jun 2003 04:00:00 GMT",
        "source": {"url": "https://feed.example/rss", "#text": "Feed Example"},
    }
    mapped = map_record(record)
    assert mapped["text"] == "<p>Item body</p>"  # raw: cleaning is downstream
    assert mapped["published_raw"] == "Tue, 10 Jun 2003 04:00:00 GMT"
    assert mapped["url"] == "https://feed.example/1"
    assert mapped["source"] == "Feed Example"


def test_atom_entry_as_json_skips_updated_and_prefers_alternate_link():
    record = {
        "title": "Atom",
        "updated": "2024-05-01T00:00:00Z",
        "links": [],
        "link": [
            {"rel": "self", "href": "https://a.example/self"},
            {"rel": "alternate", "href": "https://a.example/post"},
        ],
        "summary": "Summary.",
        "content": [{"type": "text/html", "value": "Full content."}],
    }
    mapped = map_record(record)
    assert mapped["url"] == "https://a.example/post"
    assert mapped["text"] == "Full content."  # content beats summary
    assert mapped["published_raw"] is None  # `updated` is not a publication date
    assert map_record({**record, "published": "2024-04-30"})["published_raw"] == "2024-04-30"


def test_plain_export_case_insensitive_keys():
    record = {
        "Body": "b",
        "Published_At": "2024-02-01",
        "LINK": "u",
        "Publisher": "p",
        "Lang": "fr",
    }
    assert map_record(record) == {
        "title": None,
        "text": "b",
        "published_raw": "2024-02-01",
        "url": "u",
        "source": "p",
        "language": "fr",
    }


def test_keys_equal_when_normalized_take_the_first_non_null():
    assert map_record({"Title": None, "title": "second", "TITLE": "third"})["title"] == "second"


def test_newsapi_camel_case_matches_snake_case():
    record = {"publishedAt": "2024-02-01T10:00:00Z", "source": {"id": None, "name": "BBC"}}
    mapped = map_record(record)
    assert mapped["published_raw"] == "2024-02-01T10:00:00Z"
    assert mapped["source"] == "BBC"


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"summary": "s", "description": "d"}, "d"),
        ({"summary": "s", "description": "d", "content": "c"}, "c"),
        ({"content": "c", "body": "b"}, "b"),
        ({"body": "b", "text": "t"}, "t"),
        ({"text": "t", "articleBody": "ab"}, "ab"),
        ({"articleBody": "ab", "maintext": "m"}, "m"),
        ({"maintext": "   ", "text": "t"}, "t"),  # blank counts as absent
        ({"maintext": None, "text": "t"}, "t"),
    ],
)
def test_text_priority(record, expected):
    assert map_record(record)["text"] == expected


def test_epoch_numbers_kept_as_their_string_form():
    assert map_record({"date": 1700000000})["published_raw"] == "1700000000"
    assert map_record({"date": 1700000000.5})["published_raw"] == "1700000000.5"
    assert map_record({"title": True})["title"] is None


def test_lists_of_strings_are_joined_for_text():
    mapped = map_record({"text": ["Para one.", "Para two."], "url": ["u1", "u2"]})
    assert mapped["text"] == "Para one.\nPara two."
    assert mapped["url"] == "u1"


def test_raw_values_are_not_stripped():
    assert map_record({"title": "  Spaced title \n"})["title"] == "  Spaced title \n"


def test_missing_everything():
    assert map_record({"id": 7}) == dict.fromkeys(CANONICAL_FIELDS)
