-- Report: the $top entities in most articles overall, and their articles month by month.
-- Grain: one row per top entity × month with at least one mention.
with top_entity as (
    select entity_key, count(*) as total_articles
    from fct_article_entity
    group by entity_key
    order by total_articles desc, entity_key
    limit $top
)
select
    entity.canonical_name,
    calendar.month_start_date,
    count(*) as article_count
from fct_article_entity as article_entity
join top_entity on top_entity.entity_key = article_entity.entity_key
join dim_entity as entity on entity.entity_key = article_entity.entity_key
join dim_date as calendar on calendar.date_key = article_entity.published_date_key
group by entity.canonical_name, top_entity.total_articles, calendar.month_start_date
order by top_entity.total_articles desc, entity.canonical_name, calendar.month_start_date;
