-- mart_entity_timeline: every article that mentions an entity, to read its story in order.
-- "Show me everything on X, oldest first."
-- Grain: one row per entity × article mentioning it.
create or replace view mart_entity_timeline as
select
    entity.entity_key,
    entity.canonical_name,
    entity.entity_type,
    article.published_at,
    article.published_date,
    article.article_key,
    article.article_id,
    article.title,
    source.source_name,
    article.url,
    article_entity.mention_count,
    article_entity.first_start_char
from fct_article_entity as article_entity
join dim_entity as entity on entity.entity_key = article_entity.entity_key
join dim_article as article on article.article_key = article_entity.article_key
join dim_source as source on source.source_key = article.source_key;
