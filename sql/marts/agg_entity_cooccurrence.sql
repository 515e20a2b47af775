-- agg_entity_cooccurrence: pre-aggregated entity pairs behind mart_entity_cooccurrence (a
-- self-join of fct_article_entity is seconds, not milliseconds, at 50,000 articles).
-- Filled only in the published copy, at publish time (publish/refresh_agg_entity_cooccurrence.sql);
-- in the writer's file it stays empty. Created here so the mart view binds everywhere.
-- Grain: one row per unordered pair of distinct entities mentioned in the same article
-- (entity_a_key < entity_b_key).
create table if not exists agg_entity_cooccurrence (
    entity_a_key bigint not null,
    entity_b_key bigint not null,
    article_count bigint not null,
    first_published_date_key integer not null,
    last_published_date_key integer not null
);
