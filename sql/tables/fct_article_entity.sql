-- fct_article_entity: which entities each article mentions and how often.
-- Grain: one row per article × entity.
create table if not exists fct_article_entity (
    article_key bigint not null,
    entity_key bigint not null,
    published_date_key integer not null,
    mention_count integer not null,
    first_start_char integer not null,
    run_id varchar not null
);
