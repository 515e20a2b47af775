-- Run summary: the $top entities in most of the articles run $run_id loaded.
-- Grain: one row per entity.
select entity.canonical_name, entity.entity_type, count(*) as article_count
from fct_article_entity as article_entity
join dim_entity as entity on entity.entity_key = article_entity.entity_key
where article_entity.run_id = $run_id
group by entity.entity_key, entity.canonical_name, entity.entity_type
order by article_count desc, entity.canonical_name
limit $top;
