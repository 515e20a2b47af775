-- agg_entity_cooccurrence: pre-aggregated entity pairs behind mart_entity_cooccurrence (a
-- self-join of fct_article_entity is seconds, not milliseconds, at 50,000 articles).
-- Kept by the writer in each batch's transaction: the pairs of replaced articles are taken
-- out before their facts go (load/stage_replaced_cooccurrence.sql), the pairs of loaded
-- articles added after theirs are inserted (load/stage_loaded_cooccurrence.sql); the changed
-- pairs' rows are deleted and inserted again (a pair no article mentions stays deleted). No
-- primary key (it would about double the table's size): each change set is one row per pair.
-- Grain: one row per unordered pair of distinct entities mentioned in the same article
-- (entity_a_key < entity_b_key).
create table if not exists agg_entity_cooccurrence (
    entity_a_key bigint not null,
    entity_b_key bigint not null,
    article_count bigint not null,
    first_published_date_key integer not null,
    last_published_date_key integer not null
);
