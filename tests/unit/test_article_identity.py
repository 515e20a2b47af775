"""Article identity: URL normalisation, natural key, source name, ids, keys, content hash."""

from datetime import UTC, datetime

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from newsetl.transforms.articles.identity import (
    ARTICLE_NAMESPACE,
    SOURCE_NAMESPACE,
    UNKNOWN_SOURCE,
    normalized_url,
    source_name,
    with_identity,
)
from newsetl.transforms.keys import stable_id, stable_key

NO_DATABASE = settings(database=None, deadline=None, max_examples=100)
UTC_US = pl.Datetime("us", "UTC")
RECORD_SCHEMA = {
    "file_path": pl.String(),
    "record_number": pl.Int32(),
    "title": pl.String(),
    "text": pl.String(),
    "url": pl.String(),
    "source": pl.String(),
    "published_at": UTC_US,
}
IDENTITY_COLUMNS = [
    "natural_key", "article_id", "article_key", "source_name", "source_key", "content_hash",
]  # fmt: skip
PUBLISHED = datetime(2024, 2, 17, 9, 30, tzinfo=UTC)


def record(url: str | None = None, source: str | None = None, *, file_path: str = "a.jsonl",
           record_number: int = 1, title: str | None = "Title", text: str = "Body.",
           published_at: datetime = PUBLISHED) -> dict[str, object]:
    return {"file_path": file_path, "record_number": record_number, "title": title,
            "text": text, "url": url, "source": source, "published_at": published_at}


def identified(*rows: dict[str, object]) -> pl.DataFrame:
    return with_identity(pl.DataFrame(list(rows), schema=RECORD_SCHEMA))


def url_parts(urls: list[str | None], sources: list[str | None] | None = None) -> list[tuple]:
    frame = pl.DataFrame(
        {"url": urls, "source": sources or [None] * len(urls)},
        schema={"url": pl.String(), "source": pl.String()},
    )
    return frame.select(
        normalized_url(pl.col("url")), source_name(pl.col("source"), pl.col("url")).alias("name")
    ).rows()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("HTTPS://Example.COM/Path/Page", "https://example.com/Path/Page",
                     id="scheme-and-host-lowercased-path-kept"),
        pytest.param("https://example.com/a#section-2", "https://example.com/a", id="fragment"),
        pytest.param("https://example.com/a/", "https://example.com/a", id="trailing-slash"),
        pytest.param("https://example.com/a/#top", "https://example.com/a",
                     id="slash-and-fragment"),
        pytest.param("http://example.com/", "http://example.com", id="root-slash"),
        pytest.param("https://example.com/a?id=7#c", "https://example.com/a?id=7",
                     id="query-kept"),
        pytest.param("ftp://Example.com/a/", "ftp://Example.com/a/", id="not-http-as-given"),
        pytest.param("example.com/a/", "example.com/a/", id="no-scheme-as-given"),
        pytest.param(None, None, id="null"),
    ],
)
def test_normalized_url(url, expected):
    assert url_parts([url])[0][0] == expected


@pytest.mark.parametrize(
    ("source", "url", "expected"),
    [
        pytest.param("BBC News", "https://www.bbc.co.uk/a", "bbc news", id="field-wins"),
        pytest.param("  www.Reuters.com ", None, "reuters.com", id="field-trimmed-lowered-www"),
        pytest.param(None, "https://WWW.BBC.co.uk/news/1", "bbc.co.uk", id="url-host-no-www"),
        pytest.param(None, "http://news.example.org/a", "news.example.org",
                     id="subdomain-kept"),
        pytest.param(None, "example.com/a", UNKNOWN_SOURCE, id="unparsable-url"),
        pytest.param(None, None, UNKNOWN_SOURCE, id="nothing"),
    ],
)
def test_source_name(source, url, expected):
    assert url_parts([url], [source])[0][1] == expected


@pytest.mark.parametrize(
    "url",
    ["https://www.bbc.co.uk:443/news", "https://user:secret@www.bbc.co.uk/news",
     "HTTPS://WWW.BBC.CO.UK:8080/"],
)
def test_regression_source_name_from_url_drops_port_and_credentials(url):
    # was: the URL authority, so `bbc.co.uk:443` became a dim_source row of its own
    assert url_parts([url])[0][1] == "bbc.co.uk"


def test_identity_of_a_record_with_a_url():
    result = identified(record("HTTPS://Example.com/story/#comments", "Example"))
    natural_key = "https://example.com/story"
    assert result.select(IDENTITY_COLUMNS).row(0) == (
        natural_key,
        stable_id(ARTICLE_NAMESPACE, natural_key),
        stable_key(ARTICLE_NAMESPACE, natural_key),
        "example",
        stable_key(SOURCE_NAMESPACE, "example"),
        result["content_hash"][0],
    )
    assert len(result["content_hash"][0]) == 64


def test_natural_key_falls_back_to_path_and_record_number():
    result = identified(
        record(None, file_path="feeds/b.jsonl", record_number=3),
        record(None, file_path="feeds/b.jsonl", record_number=4),
    )
    assert result["natural_key"].to_list() == ["feeds/b.jsonl#3", "feeds/b.jsonl#4"]
    assert result["article_id"].to_list() == [
        stable_id(ARTICLE_NAMESPACE, "feeds/b.jsonl#3"),
        stable_id(ARTICLE_NAMESPACE, "feeds/b.jsonl#4"),
    ]
    assert result["source_name"].to_list() == [UNKNOWN_SOURCE, UNKNOWN_SOURCE]


def test_url_spellings_of_one_article_share_its_id():
    result = identified(
        record("https://example.com/a", file_path="x.json"),
        record("HTTPS://EXAMPLE.COM/a/", file_path="y.json"),
        record("https://example.com/a#frag", file_path="z.json"),
    )
    assert result["article_id"].n_unique() == 1
    assert result["article_key"].n_unique() == 1


def test_the_same_url_in_two_files_is_one_article_but_path_keys_are_not():
    result = identified(
        record("https://example.com/a", file_path="x.json"),
        record("https://example.com/a", file_path="y.json"),
        record(None, file_path="x.json"),
        record(None, file_path="y.json"),
    )
    ids = result["article_id"].to_list()
    assert ids[0] == ids[1]
    assert len({ids[0], ids[2], ids[3]}) == 3


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Another title"},
        {"title": None},
        {"text": "Body!"},
        {"published_at": datetime(2024, 2, 17, 9, 30, 1, tzinfo=UTC)},
        {"url": "https://example.com/b"},
        {"source": "other"},
    ],
    ids=lambda change: next(iter(change)),
)
def test_content_hash_covers_each_content_field(change):
    base = record("https://example.com/a", "src")
    result = identified(base, {**base, **change})
    assert result["content_hash"][0] != result["content_hash"][1]


def test_content_hash_ignores_where_the_record_was_read():
    base = record("https://example.com/a", "src")
    result = identified(base, {**base, "file_path": "elsewhere.json", "record_number": 9})
    assert result["content_hash"][0] == result["content_hash"][1]


def test_rows_and_input_columns_are_kept():
    frame = pl.DataFrame([record("https://e.com/1"), record(None)], schema=RECORD_SCHEMA)
    result = with_identity(frame)
    assert_frame_equal(result.select(list(RECORD_SCHEMA)), frame)
    assert result.columns[: len(RECORD_SCHEMA)] == list(RECORD_SCHEMA)
    assert sorted(result.columns[len(RECORD_SCHEMA):]) == sorted(IDENTITY_COLUMNS)
    assert result.schema["article_key"] == pl.Int64()
    assert result.schema["source_key"] == pl.Int64()


_URLS = st.one_of(
    st.none(),
    st.builds(
        "{}://{}{}{}{}".format,
        st.sampled_from(["http", "https", "HTTPS", "Http"]),
        st.sampled_from(["example.com", "WWW.Example.com", "news.bbc.co.uk"]),
        st.sampled_from(["", "/", "/a", "/a/b/", "/A?x=1"]),
        st.sampled_from(["", "/"]),
        st.sampled_from(["", "#frag", "#"]),
    ),
    st.text(max_size=15),
)
_RECORDS = st.builds(
    record,
    _URLS,
    st.one_of(st.none(), st.sampled_from(["BBC", "www.example.com", " Reuters "])),
    file_path=st.sampled_from(["a.json", "dir/b.jsonl"]),
    record_number=st.integers(1, 5),
    title=st.one_of(st.none(), st.text(max_size=10)),
    text=st.text(min_size=1, max_size=20),
)


@NO_DATABASE
@given(rows=st.lists(_RECORDS, max_size=8), seed=st.randoms(use_true_random=False))
def test_same_input_gives_same_identity_in_any_row_order(rows, seed):
    first = identified(*rows)
    again = identified(*rows)
    assert_frame_equal(first, again)
    shuffled = list(range(len(rows)))
    seed.shuffle(shuffled)
    reordered = identified(*(rows[i] for i in shuffled))
    assert reordered.select(IDENTITY_COLUMNS).rows() == [
        first.select(IDENTITY_COLUMNS).row(i) for i in shuffled
    ]
    assert first.height == len(rows)
    assert first.select(IDENTITY_COLUMNS).null_count().sum_horizontal().item() == 0
    assert all(0 <= key < 2**63 for key in first["article_key"])
