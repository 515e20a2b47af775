-- Report: the $top entities in most articles, most first (the heat map's axis order).
-- Grain: one row per top entity.
select entity.canonical_name, count(*) as article_count
from fct_article_entity as article_entity
join dim_entity as entity on entity.entity_key = article_entity.entity_key
group by entity.entity_key, entity.canonical_name
order by article_count desc, entity.entity_key
limit $top;
