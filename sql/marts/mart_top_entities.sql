-- mart_top_entities(start_date, end_date): the most mentioned entities of each type between
-- two publication dates (both included). A table macro, because a view takes no parameters:
--     select * from mart_top_entities('2006-01-01', '2006-12-31')
--     where entity_type = 'PERSON' and type_rank <= 10
-- Ranked by articles mentioning the entity, then mentions, then name (ties never shuffle);
-- story_count: the stories among those articles (copies of one story counted once).
-- Grain: one row per entity mentioned in the range.
create or replace macro mart_top_entities(start_date, end_date) as table
select
    entity.entity_type,
    row_number() over (
        partition by entity.entity_type
        order by in_range.article_count desc, in_range.mention_count desc,
            entity.canonical_name, entity.entity_key
    ) as type_rank,
    entity.entity_key,
    entity.canonical_name,
    in_range.article_count,
    in_range.mention_count,
    in_range.story_count
from (
    select
        article_entity.entity_key,
        count(*) as article_count,
        cast(sum(article_entity.mention_count) as bigint) as mention_count,
        count(distinct article.story_key) as story_count
    from fct_article_entity as article_entity
    join dim_article as article on article.article_key = article_entity.article_key
    where article_entity.published_date_key
        between cast(strftime(cast(start_date as date), '%Y%m%d') as integer)
        and cast(strftime(cast(end_date as date), '%Y%m%d') as integer)
    group by article_entity.entity_key
) as in_range
join dim_entity as entity on entity.entity_key = in_range.entity_key;
