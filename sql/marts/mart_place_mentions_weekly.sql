-- mart_place_mentions_weekly: how much each country is in the news, ISO week by ISO week.
-- Grain: one row per country (ISO 3166-1 code) × ISO week with at least one mention.
-- place_mention_count: mentions of places in that country (the country itself, its states
-- and regions, its cities). demonym_mention_count: mentions of its demonyms ("Egyptian"), which
-- are entities of their own linked to the country, never places: each mention is counted
-- once, in one column, so place + demonym is the country's whole presence.
create or replace view mart_place_mentions_weekly as
-- Only mentions labelled as places count as place mentions: a name shared by a person and
-- a place ("Bush") is one entity, and its person mentions are no mentions of the place.
with place_mentions as (
    select place.country_code, place.country_name, mention.article_key,
        mention.published_date_key, count(*) as place_mentions, 0 as demonym_mentions
    from fct_entity_mention as mention
    join dim_place as place on place.entity_key = mention.entity_key
    where place.country_code is not null and mention.mention_label in ('GPE', 'LOC', 'FAC')
    group by all
), demonym_mentions as (
    select country.country_code, country.country_name, article_entity.article_key,
        article_entity.published_date_key, 0 as place_mentions,
        article_entity.mention_count as demonym_mentions
    from fct_article_entity as article_entity
    join dim_entity as demonym on demonym.entity_key = article_entity.entity_key
    join dim_place as country on country.entity_key = demonym.linked_entity_key
    where country.country_code is not null
), country_mentions as (
    select * from place_mentions
    union all
    select * from demonym_mentions
)
select
    country_mentions.country_code,
    max(country_mentions.country_name) as country_name,
    calendar.iso_year,
    calendar.iso_week,
    calendar.week_start_date,
    count(distinct country_mentions.article_key)
        filter (where country_mentions.place_mentions > 0) as place_article_count,
    cast(sum(country_mentions.place_mentions) as bigint) as place_mention_count,
    count(distinct country_mentions.article_key)
        filter (where country_mentions.demonym_mentions > 0) as demonym_article_count,
    cast(sum(country_mentions.demonym_mentions) as bigint) as demonym_mention_count
from country_mentions
join dim_date as calendar on calendar.date_key = country_mentions.published_date_key
group by country_mentions.country_code, calendar.iso_year, calendar.iso_week,
    calendar.week_start_date;
