-- Articles and mentions in the star on each staged publication day.
-- Input view: staged_day(published_date).
-- Grain: one row per staged day.
with day as (
    -- dim_date's key, yyyymmdd
    select published_date, cast(strftime(published_date, '%Y%m%d') as integer) as published_date_key
    from staged_day
),
articles as (
    select published_date, count(*) as articles
    from dim_article
    where published_date in (select published_date from staged_day)
    group by published_date
),
entity_mentions as (
    select published_date_key, count(*) as entity_mentions
    from fct_entity_mention
    where published_date_key in (select published_date_key from day)
    group by published_date_key
),
date_mentions as (
    select published_date_key, count(*) as date_mentions
    from fct_date_mention
    where published_date_key in (select published_date_key from day)
    group by published_date_key
)
select
    day.published_date,
    coalesce(articles.articles, 0) as articles,
    coalesce(entity_mentions.entity_mentions, 0) as entity_mentions,
    coalesce(date_mentions.date_mentions, 0) as date_mentions
from day
left join articles on articles.published_date = day.published_date
left join entity_mentions on entity_mentions.published_date_key = day.published_date_key
left join date_mentions on date_mentions.published_date_key = day.published_date_key
order by day.published_date;
