-- Report: how often the $top entities in most articles appear together, both ways round
-- (a symmetric matrix for a heat map). Reads the aggregate the writer keeps per batch.
-- Grain: one row per ordered pair of distinct top entities sharing at least one article.
with top_entity as (
    select entity_key, count(*) as total_articles
    from fct_article_entity
    group by entity_key
    order by total_articles desc, entity_key
    limit $top
),
pair as (
    select entity_a_key as entity_key, entity_b_key as other_key, article_count
    from agg_entity_cooccurrence
    union all
    select entity_b_key, entity_a_key, article_count
    from agg_entity_cooccurrence
)
select
    entity.canonical_name,
    other.canonical_name as other_name,
    pair.article_count
from pair
join top_entity on top_entity.entity_key = pair.entity_key
join top_entity as top_other on top_other.entity_key = pair.other_key
join dim_entity as entity on entity.entity_key = pair.entity_key
join dim_entity as other on other.entity_key = pair.other_key
order by entity.canonical_name, other.canonical_name;
