-- agg_entity_cooccurrence: pre-aggregated entity pairs behind mart_entity_cooccurrence (a
-- self-join of fct_article_entity is seconds, not milliseconds, at 50,000 articles).
-- Kept by the writer in each batch's transaction: the pairs of replaced articles are
-- subtracted before their facts go (load/subtract_replaced_cooccurrence.sql), the pairs of
-- loaded articles added after theirs are inserted (load/add_loaded_cooccurrence.sql); a pair
-- is deleted when no article is left. No primary key (it would about double the table's
-- size): the two statements aggregate by pair before they merge, so a pair stays one row.
-- Grain: one row per unordered pair of distinct entities mentioned in the same article
-- (entity_a_key < entity_b_key).
create table if not exists agg_entity_cooccurrence (
    entity_a_key bigint not null,
    entity_b_key bigint not null,
    article_count bigint not null,
    first_published_date_key integer not null,
    last_published_date_key integer not null
);
