-- mart_entity_mentions_daily: how much each entity is in the news, day by day.
-- "How often was X mentioned each day?"; sum it over any range, type or entity.
-- Grain: one row per entity × publication date with at least one mention.
create or replace view mart_entity_mentions_daily as
select
    entity.entity_key,
    entity.canonical_name,
    entity.entity_type,
    calendar.full_date as published_date,
    count(*) as article_count,
    cast(sum(article_entity.mention_count) as bigint) as mention_count
from fct_article_entity as article_entity
join dim_entity as entity on entity.entity_key = article_entity.entity_key
join dim_date as calendar on calendar.date_key = article_entity.published_date_key
group by entity.entity_key, entity.canonical_name, entity.entity_type, calendar.full_date;
