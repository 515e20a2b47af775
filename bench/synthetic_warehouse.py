"""A synthetic warehouse of realistic shape for benchmarks (no NLP, rows made in SQL).

Shapes: articles published 2004–2007 with ~300 words (Zipf-ish vocabulary), about 25
entity mentions per article over `entities` entities drawn Zipf-ish (p(k) ∝ 1/(k + 20)), about five
date mentions per article, 40 sources, runs and quarantine rows for the report. The rows are
made around the load, so the tables the load keeps for readers (search terms, co-occurrence
aggregate) are then computed from scratch, as the load would have left them.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsetl.warehouse.connection import connect_writer
from newsetl.warehouse.migrate import migrate
from newsetl.warehouse.publish import refresh_aggregates
from newsetl.warehouse.search_index import rebuild_search_index

_TYPES = "['PERSON','PERSON','PERSON','ORG','ORG','GPE','GPE','LOC','NORP','FAC','EVENT']"
_REASONS = "['no_text','invalid_date','malformed_json','empty_file','implausible_date']"

_STATEMENTS = [
    "select setseed($seed)",
    """create temp table vocabulary as
       select range as word_index,
              translate(substr(md5(range::varchar), 1, 3 + range % 7), '0123456789',
                        'ghijklmnop') as word
       from range(5000)""",
    """insert into dim_source select range, 'source-' || range || '.example', 'bench'
       from range(40)""",
    f"""insert into dim_entity
        select range + 1, 'Entity ' || range || ' ' || substr(md5(range::varchar), 1, 6),
               {_TYPES}[1 + (range % 11)], null, 'bench'
        from range($entities)""",
    """create temp table article_base as
       select range + $first_key as article_key,
              timestamptz '2004-01-01 00:00:00+00'
                  + to_seconds(cast(random() * 4 * 365.25 * 86400 as bigint)) as published_at,
              cast(floor(random() * 40) as bigint) as source_key,
              100 + cast(random() * 400 as integer) as word_count
       from range($articles)""",
    """create temp table article_words as
       select article_key,
              string_agg(word, ' ' order by position) filter (where position < word_count)
                  as text,
              string_agg(word, ' ' order by position) filter (where position < 8) as title
       from (select article_key, word_count, range as position,
                    cast(floor(pow(5000, random())) as bigint) - 1 as word_index
             from article_base, range(500) where range < word_count)
       join vocabulary using (word_index)
       group by article_key""",
    """insert into dim_article (article_key, article_id, natural_key, url, title,
           published_at, published_date, published_date_key, source_key, language, word_count,
           char_count, text, content_hash, file_path, record_number, run_id, story_key,
           language_source)
       select b.article_key, md5(b.article_key::varchar)[:32],
              'https://news.example/' || b.article_key, 'https://news.example/' || b.article_key,
              w.title, b.published_at, cast(b.published_at as date),
              cast(strftime(b.published_at, '%Y%m%d') as integer), b.source_key, 'en',
              b.word_count, length(w.text), w.text, md5(w.text), 'bench/' || b.article_key,
              1, 'bench', b.article_key, 'declared'
       from article_base b join article_words w using (article_key)""",
    """insert into raw_article (article_id, content_hash, is_current, run_id, file_path,
           record_number, file_format, title, text, published_raw, url, source)
       select article_id, content_hash, true, 'bench', file_path, 1, 'json', title, text,
              published_at::varchar, url, 'source-' || source_key
       from dim_article""",
    """insert into fct_entity_mention
       select a.article_key,
              cast(floor(20 * pow(($entities + 20) / 20, random())) as bigint) - 19,
              a.published_date_key, 'surface', 'PERSON', range * 40, range * 40 + 12,
              range // 3, 'exact', null, 'bench'
       from dim_article a, range(25)""",
    """update fct_entity_mention m set mention_label = e.entity_type,
           surface_text = e.canonical_name
       from dim_entity e where e.entity_key = m.entity_key""",
    """insert into fct_article_entity
       select article_key, entity_key, any_value(published_date_key), count(*),
              min(start_char), 'bench'
       from fct_entity_mention group by article_key, entity_key""",
    """insert into fct_date_mention
       select a.article_key, a.published_date_key, 'some day', range * 50, range * 50 + 8,
              range, 'rule', resolved, cast(strftime(resolved, '%Y%m%d') as integer),
              'day', null, false, 'bench', resolved, resolved, 'publication'
       from (select *, a.published_date
                    + cast(round(random() * random() * 60 - 40) as integer) as resolved
             from dim_article a) a, range(5)""",
    """insert into etl_run (run_id, run_kind, status, started_at, finished_at, seconds,
           newsetl_version, model_name, model_version, rules_version, articles_new)
       select 'run-' || range, 'nightly', 'succeeded',
              timestamptz '2008-01-01 02:00:00+00' + to_days(range::integer),
              timestamptz '2008-01-01 02:10:00+00' + to_days(range::integer), 600,
              'bench', 'bench', 'bench', 'bench', 250
       from range(200)""",
    f"""insert into quarantine (run_id, file_path, record_number, reason_code)
        select 'run-' || (range % 200), 'bench/q' || range, range,
               {_REASONS}[1 + (range % 5)]
        from range(500)""",
]


def build(path: Path, articles: int = 50_000, entities: int = 20_000, *, first_key: int = 1,
          seed: float = 0.42, derived: bool = True) -> None:
    """Create (or replace) a migrated warehouse file at `path` filled with synthetic rows.

    Article keys run from `first_key`; `derived` fills the search terms and the co-occurrence
    aggregate (about 30 s at 50,000 articles).
    """
    path.unlink(missing_ok=True)
    connection = connect_writer(path)
    try:
        migrate(connection)
        names = {"articles": articles, "entities": entities, "first_key": first_key,
                 "seed": seed}
        for statement in _STATEMENTS:
            connection.execute(statement, _params(statement, names))
        if derived:
            rebuild_search_index(connection)
            refresh_aggregates(connection)
        connection.execute("checkpoint")
    finally:
        connection.close()


def _params(statement: str, names: dict[str, float]) -> dict[str, float]:
    return {name: value for name, value in names.items() if f"${name}" in statement}


def counts(connection: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row counts of the main tables."""
    tables = ("dim_article", "dim_entity", "fct_entity_mention", "fct_article_entity",
              "fct_date_mention", "search_term", "agg_entity_cooccurrence")
    return {t: connection.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}
