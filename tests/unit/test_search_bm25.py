"""`newsetl search`: BM25 ranking over the published copy's fts index."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import analyst_fixtures as sample
import duckdb
import pytest

from newsetl.search import SearchHit, format_hits, search, snippet
from newsetl.warehouse.readonly import AnalystError


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample.sample_published(tmp_path_factory.mktemp("search"))


def test_the_article_about_the_words_ranks_first(published):
    hits = search(published, "election results", limit=5)
    assert [hit.title for hit in hits] == ["French election results"]
    assert hits[0].published_date == date(2006, 1, 10)
    assert hits[0].score > 0


def test_stemming_and_case_match_and_scores_descend(published):
    hits = search(published, "OFFICES opening", limit=10)
    assert [hit.article_id for hit in hits] == [f"{1:032x}", f"{4:032x}"]
    assert hits[0].score >= hits[1].score


def test_limit(published):
    assert len(search(published, "Acme", limit=2)) == 2
    assert len(search(published, "Acme", limit=10)) == 3


def test_numbers_are_searchable(published):
    assert [hit.title for hit in search(published, "2004")] == ["Alice Smith joins Acme"]


def test_no_match_and_no_words(published):
    assert search(published, "zeppelin") == []
    assert format_hits([]) == "no matching articles"
    with pytest.raises(AnalystError, match="give at least one word"):
        search(published, " ?! ")


def test_the_writer_file_has_no_index_the_published_copy_has(tmp_path):
    writer = duckdb.connect(str(sample.sample_writer(tmp_path)), read_only=True)
    schemas = writer.sql("select schema_name from duckdb_schemas() "
                         "where schema_name like 'fts%'").fetchall()
    writer.close()
    assert schemas == []
    with pytest.raises(AnalystError, match="has no search index: publish it again"):
        search(tmp_path / "writer" / "newsetl.duckdb", "Acme")


def test_one_hit_a_line_with_date_title_score_and_snippet():
    hit = SearchHit("id", date(2006, 1, 2), "A\ntitle\x1b[2J", 1.23456, "…the snippet…")
    assert format_hits([hit, hit]).splitlines() == [
        "2006-01-02  A title\\x1b[2J  1.235  …the snippet…"] * 2


def test_snippet_centres_on_the_first_query_word():
    text = " ".join(["filler"] * 50) + " the election was held " + " ".join(["more"] * 50)
    got = snippet(text, "Election", width=60)
    assert "election" in got
    assert got.startswith("…")
    assert got.endswith("…")


def test_snippet_of_a_short_text_without_the_word_is_its_start():
    assert snippet("Short text.", "absent") == "Short text."
