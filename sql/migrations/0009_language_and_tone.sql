-- Version 9: where an article's language came from (dim_article.language_source), the
-- count of articles loaded without NER (etl_run.articles_untagged), and the tone tables
-- (fct_article_tone, fct_sentence_tone), for warehouses created before it. A new warehouse
-- has them from sql/tables/ and never runs this (`if not exists`: tests re-run migrations
-- over tables already at the latest shape).
-- Articles loaded before this version have no language_source and no tone rows until a
-- backfill rebuilds their days.
alter table dim_article add column if not exists language_source varchar;
alter table etl_run add column if not exists articles_untagged integer default 0;
update etl_run set articles_untagged = 0 where articles_untagged is null;
alter table etl_run alter column articles_untagged set not null;
create table if not exists fct_article_tone (
    article_key bigint not null,
    published_date_key integer not null,
    tone double not null,
    sentence_count integer not null,
    positive_share double not null,
    negative_share double not null,
    scorer_version varchar not null,
    run_id varchar not null
);
create table if not exists fct_sentence_tone (
    article_key bigint not null,
    published_date_key integer not null,
    sentence_index integer not null,
    start_char integer not null,
    end_char integer not null,
    tone double not null,
    run_id varchar not null
);
