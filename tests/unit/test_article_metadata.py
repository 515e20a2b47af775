"""Article metadata per input shape (news-please JSON, schema.org JSON-LD in HTML, RSS with
dc:creator, CSV), the author rules, the author rows and the ignored-field counts, on the
small real-looking records of tests/data/metadata/."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from newsetl.flows.loading import load_batch
from newsetl.ingest.fields import KNOWN_FIELD_KEYS, ignored_field_rows
from newsetl.ingest.parse import parse_file, to_frames
from newsetl.transforms.metadata.authors import author_key, split_author_names
from newsetl.transforms.metadata.columns import with_article_metadata
from newsetl.transforms.metadata.ignored import ignored_field_counts, ignored_fields_line
from newsetl.transforms.metadata.rows import author_rows, bridge_article_author_rows
from newsetl.warehouse.connection import connect_memory
from newsetl.warehouse.load import LoadBatch
from newsetl.warehouse.migrate import migrate
from newsetl.warehouse.runs import run_ignored_fields

DATA = Path(__file__).resolve().parents[1] / "data" / "metadata"
COLUMNS = ["authors", "description", "section", "keywords", "image_url", "modified_at"]


def _described(name: str) -> pl.DataFrame:
    raw, rejects = to_frames(parse_file(name, (DATA / name).read_bytes()).records)
    assert rejects.is_empty()
    return with_article_metadata(raw)


def test_news_please_record_keeps_authors_lead_image_and_modification_time():
    row = _described("newsplease.json").select(COLUMNS).row(0, named=True)
    assert row == {
        "authors": ["Jane Doe", "John Roe"],
        "description": "Dock workers in Rotterdam walked out on Monday over pay.",
        "section": None,
        "keywords": None,
        "image_url": "https://news.example.org/img/rotterdam-cranes.jpg",
        "modified_at": datetime(2024, 3, 5, 8, 30, tzinfo=UTC),
    }


def test_schema_org_json_ld_authors_are_people_and_organizations_in_order():
    row = _described("jsonld_story.html").select(COLUMNS).row(0, named=True)
    assert row == {
        "authors": ["Jane Doe", "José Álvarez", "Reuters"],
        "description": "The Lisbon Metro opened its circular line on Monday.",
        "section": "Europe",
        "keywords": ["Lisbon", "transport", "metro"],
        "image_url": "https://daily.example.com/img/lisbon-metro.jpg",
        "modified_at": datetime(2024, 5, 21, 9, 15, tzinfo=UTC),
    }


def test_rss_dc_creator_and_author_with_address_give_names_and_categories_give_keywords():
    rows = _described("creators.rss").select("url", "authors", "keywords", "description",
                                             "image_url").rows()
    assert rows == [
        ("https://wire.example.net/africa/kenya-tanzania-railway", ["John Roe"],
         ["Africa", "Rail"], "Kenya and Tanzania will link Voi and Moshi by rail.",
         "https://wire.example.net/img/voi-moshi.jpg"),
        # Its description is its text (no content:encoded), so not a description too.
        ("https://wire.example.net/americas/chile-rates", ["Maria Lopez"], ["Economy"], None,
         "https://wire.example.net/img/santiago-bank.jpg"),
    ]


def test_csv_author_column_drops_the_agency_and_a_bare_address():
    rows = _described("bylines.csv").select("authors", "section", "keywords").rows()
    assert rows == [(["Jane Doe"], "World", ["Norway", "Oslo", "Markets"]),
                    ([], "Canada", ["Quebec"])]


def test_csv_authors_column_and_json_author_object_list():
    frame = pl.DataFrame({
        "raw_record": [
            json.dumps({"authors": "Ann Lee; Bo Chen", "text": "x"}),
            json.dumps({"author": [{"@type": "Person", "name": "Ann Lee"},
                                   {"@type": "Person", "givenName": "No", "familyName": "Name"}]}),
            "[1, 2]",  # not an object: no metadata, no error
            None,
        ]
    })
    assert with_article_metadata(frame)["authors"].to_list() == [
        ["Ann Lee", "Bo Chen"], ["Ann Lee"], [], []]


@pytest.mark.parametrize(("raw", "names"), [
    ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    ("Jane Doe, Reuters", ["Jane Doe"]),
    ("Reuters", ["Reuters"]),
    ("Jane Doe | Senior Correspondent", ["Jane Doe"]),
    ("written by: JANE DOE & ann lee", ["Jane Doe", "ann lee"]),
    ("jane.doe@example.com (Jane Doe)", ["Jane Doe"]),
    ("Jane Doe <jane.doe@example.com>", ["Jane Doe"]),
    ("newsdesk@example.com", []),
    ("https://example.com/staff/jane", []),
    ("Jane Doe / Ann Lee", ["Jane Doe", "Ann Lee"]),
    ("  --  ", []),
])
def test_author_strings_split_into_names(raw, names):
    assert split_author_names(raw) == names


def test_author_key_is_shared_by_spellings_that_differ_only_in_case_and_accents():
    assert author_key("José Álvarez") == author_key("jose  ALVAREZ")
    assert author_key("Jane Doe") != author_key("John Doe")


def test_author_rows_one_author_per_key_and_bridge_positions_in_byline_order():
    articles = pl.DataFrame({
        "article_key": [1, 2, 3],
        "authors": [["Jane Doe", "John Roe"], ["JANE DOE"], []],
    }, schema_overrides={"authors": pl.List(pl.String())})
    bridge = bridge_article_author_rows(articles, "run-1")
    assert bridge.select("article_key", "author_position", "author_name").rows() == [
        (1, 1, "Jane Doe"), (1, 2, "John Roe"), (2, 1, "JANE DOE")]
    authors = author_rows(bridge)
    assert authors.select("author_name", "normalized_name").rows() == [
        ("Jane Doe", "jane doe"), ("John Roe", "john roe")]
    assert bridge["author_key"][0] == bridge["author_key"][2] == authors["author_key"][0]


def test_ignored_fields_are_counted_per_field_from_json_and_csv_records_only():
    raw = pl.concat([
        to_frames(parse_file(name, (DATA / name).read_bytes()).records)[0]
        for name in ("newsplease.json", "bylines.csv", "jsonld_story.html", "creators.rss")
    ])
    rows = ignored_field_rows(raw, "run-1")
    assert rows.select("field_name", "records", "example_file").rows() == [
        ("internal_score", 2, "bylines.csv"),
        ("date_download", 1, "newsplease.json"), ("filename", 1, "newsplease.json"),
        ("localpath", 1, "newsplease.json"), ("title_page", 1, "newsplease.json"),
        ("title_rss", 1, "newsplease.json"),
    ]
    assert rows["run_id"].unique().to_list() == ["run-1"]
    line = ignored_fields_line(rows, shown=2)
    assert line == "internal_score (2 records), date_download (1 record), and 4 more"


def test_every_mapped_name_is_known_and_a_record_of_known_fields_ignores_none():
    record = {"@context": "https://schema.org", "@type": "NewsArticle", "@id": "#a",
              "maintext": "t", "Date-Publish": "2024-01-01", "dc:creator": "A B",
              "articleSection": "World", "urlToImage": "https://x/y.png"}
    raw = pl.DataFrame({"file_path": ["a.json"], "file_format": ["json+gz"],
                        "raw_record": [json.dumps(record)]})
    assert ignored_field_counts(raw, KNOWN_FIELD_KEYS).is_empty()
    assert ignored_fields_line(ignored_field_counts(raw, KNOWN_FIELD_KEYS)) == "none"


def test_an_unparseable_modification_time_is_null_and_the_row_is_kept():
    frame = pl.DataFrame({"raw_record": [json.dumps({"dateModified": "sometime soon"}),
                                         json.dumps({"updated": "2024-02-03"})]})
    assert with_article_metadata(frame)["modified_at"].to_list() == [
        None, datetime(2024, 2, 3, tzinfo=UTC)]


def test_untrusted_values_are_capped():
    record = {"description": "word " * 1000, "section": "x" * 300,
              "keywords": ",".join(f"k{i}" for i in range(80)) + "," + "y" * 300,
              "authors": [f"Author Number{i}" for i in range(80)]}
    row = with_article_metadata(pl.DataFrame({"raw_record": [json.dumps(record)]})).row(
        0, named=True)
    assert len(row["description"]) == 2001
    assert row["description"].endswith("…")
    assert row["section"] is None
    assert row["keywords"] == [f"k{i}" for i in range(50)]
    assert len(row["authors"]) == 50


def test_html_meta_tags_give_metadata_when_the_page_has_no_json_ld():
    page = """<html lang="en"><head><title>Port reopens</title>
    <meta name="author" content="By Ann Lee, Staff Writer">
    <meta property="og:description" content="The port of Gdansk reopened on Friday.">
    <meta property="article:section" content="Business">
    <meta property="article:tag" content="Poland"><meta property="article:tag" content="Ports">
    <meta property="og:image" content="/relative/only.jpg">
    <meta property="article:published_time" content="2024-09-06T08:00:00Z">
    <meta property="article:modified_time" content="2024-09-06T12:30:00Z">
    </head><body><article><p>The port of Gdansk reopened on Friday after a storm closed it
    for two days. Shipping companies said delays would ease by Monday.</p></article></body>
    </html>"""
    raw, _ = to_frames(parse_file("port.html", page.encode()).records)
    assert with_article_metadata(raw).select(COLUMNS).row(0, named=True) == {
        "authors": ["Ann Lee"],
        "description": "The port of Gdansk reopened on Friday.",
        "section": "Business",
        "keywords": ["Poland", "Ports"],
        "image_url": None,  # not an absolute URL
        "modified_at": datetime(2024, 9, 6, 12, 30, tzinfo=UTC),
    }


def test_a_runs_batches_add_up_their_ignored_fields_and_keep_the_first_file():
    connection = connect_memory()
    migrate(connection)
    first = pl.DataFrame({"field_name": ["id", "score"], "records": [3, 1],
                          "example_file": ["a.jsonl", "a.jsonl"], "run_id": ["r1", "r1"]})
    second = pl.DataFrame({"field_name": ["id"], "records": [2], "example_file": ["b.jsonl"],
                           "run_id": ["r1"]})
    load_batch(connection, LoadBatch(etl_ignored_field=first))
    load_batch(connection, LoadBatch(etl_ignored_field=second))
    assert run_ignored_fields(connection, "r1").rows() == [
        ("id", 5, "a.jsonl"), ("score", 1, "a.jsonl")]
    assert run_ignored_fields(connection, "r2").is_empty()
