"""`newsetl search`: BM25 at query time over the search terms the writer keeps per batch."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import analyst_fixtures as sample
import duckdb
import pytest
from derived_fixtures import Article, load

from newsetl.analyst.search import SearchHit, format_hits, search, snippet
from newsetl.warehouse.connection import connect_memory, connect_writer, load_extension
from newsetl.warehouse.migrate import migrate
from newsetl.warehouse.publish import publish
from newsetl.warehouse.readonly import AnalystError
from newsetl.warehouse.sql_files import read_sql

# A corpus small enough to score by hand (stop-words: a, and, the, at).
CATS = Article(1, "A cat and a cat chase the dog.", title="Cats")  # cat 3, chase, dog: 5
DOGS = Article(2, "Dogs bark at birds.", title="Dogs")  # dog 2, bark, bird: 4
BIRDS = Article(3, "The bird sings; birds sang.", title="Birds")  # bird 3, sing, sang: 5
LENGTHS = {1: 5, 2: 4, 3: 5}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample.sample_published(tmp_path_factory.mktemp("search"))


@pytest.fixture
def tiny() -> duckdb.DuckDBPyConnection:
    connection = connect_memory()
    migrate(connection)
    load(connection, [CATS, DOGS, BIRDS])
    load_extension(connection, "fts")
    yield connection
    connection.close()


def matches(connection: duckdb.DuckDBPyConnection, words: str,
            limit: int = 10) -> list[tuple[int, float]]:
    """(article_key, score) of the search query's rows, in its order."""
    rows = connection.execute(read_sql("search/match_articles.sql"),
                              {"words": words, "limit": limit}).fetchall()
    return [(int(article_id, 16), score) for article_id, _, _, _, score in rows]


def bm25(tf: int, df: int, length: int, documents: int = 3, average: float = 14 / 3) -> float:
    """One term's BM25 weight, written out from the definition (k1 = 1.2, b = 0.75)."""
    idf = math.log((documents - df + 0.5) / (df + 0.5) + 1)
    return idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / average))


def test_terms_are_porter_stems_of_title_and_text_without_stop_words(tiny):
    terms = tiny.sql("select article_key, term, term_frequency from search_term "
                     "order by article_key, term").fetchall()
    assert terms == [(1, "cat", 3), (1, "chase", 1), (1, "dog", 1),
                     (2, "bark", 1), (2, "bird", 1), (2, "dog", 2),
                     (3, "bird", 3), (3, "sang", 1), (3, "sing", 1)]
    documents = tiny.sql("select article_key, length from search_document order by 1")
    assert dict(documents.fetchall()) == LENGTHS


def assert_ranked(got: list[tuple[int, float]], expected: list[tuple[int, float]]) -> None:
    assert [key for key, _ in got] == [key for key, _ in expected]
    assert [score for _, score in got] == pytest.approx([score for _, score in expected])


def test_scores_are_bm25_with_idf_over_the_query_terms(tiny):
    assert_ranked(matches(tiny, "dog"), [(2, bm25(2, 2, 4)), (1, bm25(1, 2, 5))])
    assert_ranked(matches(tiny, "cat dog"),
                  [(1, bm25(3, 1, 5) + bm25(1, 2, 5)), (2, bm25(2, 2, 4))])
    # "singing birds": stems sing and bird; any query term matches (not all)
    assert_ranked(matches(tiny, "singing birds"),
                  [(3, bm25(3, 2, 5) + bm25(1, 1, 5)), (2, bm25(1, 2, 4))])


def test_a_query_word_matches_through_its_stem_case_and_accents(tiny):
    load(tiny, [Article(4, "Elections were held; Café owners voted.", day=date(2024, 3, 1))])
    assert [key for key, _ in matches(tiny, "ELECTED")] == [4]
    assert [key for key, _ in matches(tiny, "cafe")] == [4]
    assert [key for key, _ in matches(tiny, "cafés")] == [4]


def test_stop_words_and_unknown_words_match_nothing(tiny):
    assert matches(tiny, "the and a") == []
    assert matches(tiny, "zeppelin") == []


def test_equal_scores_rank_the_newer_article_first_then_the_smaller_key(tiny):
    load(tiny, [Article(10, "zebra", day=date(2024, 1, 1)),
                Article(12, "zebra", day=date(2024, 5, 1)),
                Article(11, "zebra", day=date(2024, 5, 1))])
    assert [key for key, _ in matches(tiny, "zebra")] == [11, 12, 10]
    assert [key for key, _ in matches(tiny, "zebra", limit=2)] == [11, 12]


def test_a_replaced_article_is_found_by_its_new_words_only(tiny):
    load(tiny, [Article(5, "A zeppelin over the harbour.")])
    assert [key for key, _ in matches(tiny, "zeppelin")] == [5]
    load(tiny, [Article(5, "An airship, an airship!")], replaced=[5])
    assert matches(tiny, "zeppelin harbour") == []
    assert [key for key, _ in matches(tiny, "airships")] == [5]
    assert tiny.sql("select term, term_frequency from search_term "
                    "where article_key = 5").fetchall() == [("airship", 2)]
    assert tiny.sql("select length from search_document where article_key = 5").fetchall() \
        == [(2,)]
    # an article replaced and not loaded again (retired from its file) leaves no terms
    load(tiny, [], replaced=[5])
    assert tiny.sql("select count(*) from search_term where article_key = 5").fetchone() == (0,)
    assert tiny.sql("select count(*) from search_document").fetchone() == (3,)


def test_an_article_without_terms_counts_in_n_and_the_average_length(tiny):
    load(tiny, [Article(6, "And the... a!")])
    assert tiny.sql("select length from search_document where article_key = 6").fetchall() \
        == [(0,)]
    assert_ranked(matches(tiny, "cat"), [(1, bm25(3, 1, 5, documents=4, average=14 / 4))])


def test_scores_are_the_fts_index_scores_in_natural_log(published):
    """Same tokens, same formula as DuckDB's fts index (which used log10: ln 10 apart)."""
    connection = connect_memory()
    load_extension(connection, "fts")
    connection.execute(f"attach '{published.as_posix()}' as source (read_only)")
    connection.execute("create table dim_article as select * from source.dim_article")
    for table in ("search_term", "search_document"):
        connection.execute(f"create table {table} as select * from source.{table}")
    connection.execute("detach source")
    connection.execute("pragma create_fts_index('dim_article', 'article_key', 'title', 'text', "
                       "stemmer = 'porter', stopwords = 'english', ignore = '[^a-z0-9]+', "
                       "strip_accents = 1, lower = 1)")
    for words in ("Acme", "election results", "OFFICES opening", "France 2004", "the office"):
        fts = connection.sql(
            "select article_key, fts_main_dim_article.match_bm25(article_key, ?) as score "
            "from dim_article where score is not null", params=[words]).fetchall()
        expected = {key: score * math.log(10) for key, score in fts}
        assert dict(matches(connection, words)) == pytest.approx(expected), words
        assert expected, words


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


def test_a_file_without_search_terms_is_one_clear_line(tmp_path):
    writer_path = tmp_path / "old.duckdb"
    writer = connect_writer(writer_path)
    migrate(writer)
    writer.execute("drop table search_term")
    writer.close()
    published = publish(writer_path, tmp_path / "published.duckdb").path
    with pytest.raises(AnalystError, match="has no search terms"):
        search(published, "Acme")


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


def test_newsetl_search_prints_the_hits_and_refuses_an_empty_query_in_one_line(published):
    from typer.testing import CliRunner

    from newsetl.cli import app

    found = CliRunner().invoke(app, ["search", "--file", str(published), "--limit", "3", "Alice"])
    empty = CliRunner().invoke(app, ["search", "--file", str(published), "--", "?!"])

    assert found.exit_code == 0, found.output
    assert found.output == format_hits(search(published, "Alice", 3)) + "\n"
    assert "Alice" in found.output
    assert empty.exit_code == 1
    assert empty.output == "newsetl: nothing to search for: give at least one word\n"
