-- mart_entity_mentions_weekly: how much each entity is in the news, ISO week by ISO week.
-- story_count: the stories among those articles (near-duplicate copies counted once,
-- dim_article.story_key), what to rank by when wire copies inflate article_count.
-- Grain: one row per entity × ISO week (Monday start) with at least one mention.
create or replace view mart_entity_mentions_weekly as
select
    entity.entity_key,
    entity.canonical_name,
    entity.entity_type,
    calendar.iso_year,
    calendar.iso_week,
    calendar.week_start_date,
    count(*) as article_count,
    cast(sum(article_entity.mention_count) as bigint) as mention_count,
    count(distinct article.story_key) as story_count
from fct_article_entity as article_entity
join dim_entity as entity on entity.entity_key = article_entity.entity_key
join dim_article as article on article.article_key = article_entity.article_key
join dim_date as calendar on calendar.date_key = article_entity.published_date_key
group by entity.entity_key, entity.canonical_name, entity.entity_type,
    calendar.iso_year, calendar.iso_week, calendar.week_start_date;
