-- Refills agg_entity_cooccurrence from fct_article_entity of the current database (the
-- published copy being built). One statement after a delete, inside the publish transaction.
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
