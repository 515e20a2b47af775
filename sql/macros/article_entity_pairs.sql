-- article_entity_pairs(facts): the unordered pairs of distinct entities mentioned in the same
-- article of `facts` — the name of a table, view or CTE with article_key, entity_key and
-- published_date_key (fct_article_entity's grain) — with how many of its articles share each
-- pair and the first and last publication day among them.
-- One definition for the batch upkeep (load/stage_loaded_cooccurrence.sql,
-- load/stage_replaced_cooccurrence.sql) and the full recompute
-- (publish/refresh_agg_entity_cooccurrence.sql), so the two cannot count differently.
-- Grain: one row per unordered pair of entities (entity_a_key < entity_b_key).
create or replace macro article_entity_pairs(facts) as table
select
    entity_a.entity_key as entity_a_key,
    entity_b.entity_key as entity_b_key,
    count(*) as article_count,
    min(entity_a.published_date_key) as first_published_date_key,
    max(entity_a.published_date_key) as last_published_date_key
from query_table(facts) as entity_a
join query_table(facts) as entity_b
    on entity_b.article_key = entity_a.article_key
    and entity_b.entity_key > entity_a.entity_key
group by entity_a.entity_key, entity_b.entity_key;
