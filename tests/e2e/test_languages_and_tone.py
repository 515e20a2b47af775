"""A nightly run over English Wikinews articles and a German and a French one (none declares
its language): each gets its detected language; the English ones get entities, dates and
tone whose sentences are the mentions' own; the others load with no mentions and no tone,
and the run counts them as not tagged."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from newsetl.flows.nightly import RunSummary, nightly
from newsetl.nlp.tone import SCORER_VERSION
from tests.conftest import REPO, WIKINEWS_SLICE

pytestmark = pytest.mark.slow
GERMAN_FRENCH = REPO / "tests" / "data" / "languages" / "de_fr_articles.jsonl"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory, prefect_api: None) -> tuple[Path, RunSummary]:
    root = tmp_path_factory.mktemp("languages")
    (root / "inbox").mkdir()
    shutil.copy(WIKINEWS_SLICE, root / "inbox" / WIKINEWS_SLICE.name)
    shutil.copy(GERMAN_FRENCH, root / "inbox" / GERMAN_FRENCH.name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSETL_NER_PROCESSES", "1")
        summary = nightly(inbox=str(root / "inbox"), warehouse=str(root / "w.duckdb"))
    return root / "w.duckdb", summary


def _query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def test_every_article_loads_with_its_detected_language(loaded) -> None:
    warehouse, _ = loaded
    languages = _query(warehouse, """
        select language, language_source, count(*) from dim_article group by all order by 1""")
    # Six English Wikinews articles (of eight: one has no text, one no date; quarantined).
    assert languages == [("de", "detected", 1), ("en", "detected", 6), ("fr", "detected", 1)]


def test_non_english_articles_have_no_mentions_no_tone_and_are_counted(loaded) -> None:
    warehouse, summary = loaded
    for table in ("fct_entity_mention", "fct_date_mention", "fct_article_tone",
                  "fct_sentence_tone"):
        by_language = dict(_query(warehouse, f"""
            select article.language, count(*) from {table} join dim_article as article
            using (article_key) group by all"""))
        assert set(by_language) == {"en"}, table
        assert by_language["en"] > 5, table
    assert summary.counts["articles_untagged"] == 2
    assert "2 articles not tagged (no NER model for their language)" in summary.text()
    assert _query(warehouse, "select articles_untagged from etl_run") == [(2,)]


def test_one_tone_row_per_english_article_with_the_scorer_version(loaded) -> None:
    warehouse, _ = loaded
    rows = _query(warehouse, """
        select count(*), count(distinct article_key), min(tone), max(tone),
               list(distinct scorer_version), bool_and(sentence_count > 0)
        from fct_article_tone""")
    count, articles, low, high, versions, has_sentences = rows[0]
    assert count == articles == 6
    assert -1 <= low < high <= 1
    assert versions == [SCORER_VERSION]
    assert has_sentences
    # Each article's tone is the mean of its sentences'.
    assert _query(warehouse, """
        select count(*) from fct_article_tone as article
        join (select article_key, avg(tone) as mean, count(*) as n from fct_sentence_tone
              group by all) as sentences using (article_key)
        where abs(article.tone - sentences.mean) > 1e-9 or article.sentence_count <> sentences.n
        """) == [(0,)]


def test_each_mention_lies_in_the_scored_sentence_of_its_index(loaded) -> None:
    warehouse, _ = loaded
    joined, outside, missing = _query(warehouse, """
        select count(*),
               count(*) filter (where mention.start_char < sentence.start_char
                                   or mention.end_char > sentence.end_char),
               count(*) filter (where sentence.article_key is null)
        from fct_entity_mention as mention
        left join fct_sentence_tone as sentence
            on sentence.article_key = mention.article_key
           and sentence.sentence_index = mention.sentence_index""")[0]
    assert joined > 50
    assert (outside, missing) == (0, 0)


def test_the_entity_tone_mart_averages_the_mentioning_sentences(loaded) -> None:
    warehouse, _ = loaded
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        mart = connection.execute("""
            select canonical_name, week_start_date, sentence_count, average_tone
            from mart_entity_tone_weekly order by sentence_count desc, canonical_name""").fetchall()
        name, week, sentences, average = mart[0]
        expected = connection.execute("""
            select avg(tone.tone), count(*) from (
                select distinct mention.article_key, mention.sentence_index
                from fct_entity_mention as mention join dim_entity using (entity_key)
                join dim_date on dim_date.date_key = mention.published_date_key
                where dim_entity.canonical_name = ? and dim_date.week_start_date = ?
                ) as sentence
            join fct_sentence_tone as tone using (article_key, sentence_index)""",
            [name, week]).fetchone()
    assert len(mart) > 10
    assert sentences == expected[1] > 1
    assert average == pytest.approx(expected[0])
