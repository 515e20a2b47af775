-- mart_entity_cooccurrence: which entities are mentioned in the same article, and how often.
-- Read from agg_entity_cooccurrence, which the writer keeps with each batch it loads (the
-- published file is a copy of the writer's).
-- Each pair appears once, the entity with the smaller key as entity_a; to find the partners
-- of one entity, filter on either side.
-- Grain: one row per unordered pair of distinct entities sharing at least one article.
create or replace view mart_entity_cooccurrence as
select
    pair.entity_a_key,
    entity_a.canonical_name as entity_a_name,
    entity_a.entity_type as entity_a_type,
    pair.entity_b_key,
    entity_b.canonical_name as entity_b_name,
    entity_b.entity_type as entity_b_type,
    pair.article_count,
    first_date.full_date as first_published_date,
    last_date.full_date as last_published_date
from agg_entity_cooccurrence as pair
join dim_entity as entity_a on entity_a.entity_key = pair.entity_a_key
join dim_entity as entity_b on entity_b.entity_key = pair.entity_b_key
join dim_date as first_date on first_date.date_key = pair.first_published_date_key
join dim_date as last_date on last_date.date_key = pair.last_published_date_key;
