-- Refills agg_entity_cooccurrence from all of fct_article_entity (after a delete, in one
-- transaction: warehouse/publish.py refresh_aggregates). The load keeps the table up to date
-- batch by batch (load/stage_replaced_cooccurrence.sql, load/stage_loaded_cooccurrence.sql);
-- this full recompute is for rows written around the load and to check the upkeep against.
-- Grain: one row per unordered pair of distinct entities mentioned in the same article.
insert into agg_entity_cooccurrence
select
    entity_a.entity_key as entity_a_key,
    entity_b.entity_key as entity_b_key,
    count(*) as article_count,
    min(entity_a.published_date_key) as first_published_date_key,
    max(entity_a.published_date_key) as last_published_date_key
from fct_article_entity as entity_a
join fct_article_entity as entity_b
    on entity_b.article_key = entity_a.article_key
    and entity_b.entity_key > entity_a.entity_key
group by entity_a.entity_key, entity_b.entity_key;
