"""RSS and Atom files in the inbox load like any other format: one article per item, keyed
by its link, so the same story in two feeds (or in a later copy of the feed) is one article
(feeds built from the real Wikinews articles of tests/data/wikinews/)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from newsetl.flows.nightly import nightly
from tests.unit.feeds import atom, rss2, wikinews_articles

pytestmark = pytest.mark.slow


def _rows(warehouse: Path, sql: str, params: list[object] | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(sql, params).fetchall()


def test_feed_items_load_as_articles_and_a_later_copy_of_the_feed_adds_only_new_items(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefect_api: None) -> None:
    monkeypatch.setenv("NEWSETL_NER_PROCESSES", "1")
    articles = wikinews_articles()
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh" / "newsetl.duckdb"
    inbox.mkdir()
    (inbox / "monday.rss").write_text(rss2(articles[:4]), encoding="utf-8")
    (inbox / "broken.xml").write_text("<rss version='2.0'><channel>&x; <<", encoding="utf-8")
    first = nightly(inbox=str(inbox), warehouse=str(warehouse))
    assert first.status == "succeeded"
    assert _rows(warehouse, "select count(*) from dim_article") == [(4,)]
    assert _rows(warehouse, "select reason_code from quarantine") == [("malformed_feed",)]
    entities = _rows(warehouse, """
        select count(*) from fct_entity_mention as m join dim_article as a using (article_key)
        where a.url = ?""", [articles[0]["url"]])
    assert entities[0][0] > 0  # NER ran on the item's text

    # Tuesday's Atom copy of the feed repeats two items and adds two.
    (inbox / "tuesday.atom").write_text(atom(articles[2:]), encoding="utf-8")
    second = nightly(inbox=str(inbox), warehouse=str(warehouse))
    assert second.status == "succeeded"
    assert (second.counts["articles_new"], second.counts["articles_unchanged"]) == (2, 2)
    urls = {url for (url,) in _rows(warehouse, "select url from dim_article")}
    assert urls == {a["url"] for a in articles}
    assert len(urls) == 6
