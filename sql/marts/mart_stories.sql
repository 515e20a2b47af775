-- mart_stories: each story (an article and its near-duplicate copies: syndicated wire
-- copies, lightly edited versions; dim_article.story_key) with how far it spread.
-- The first article is the story's key: its title and publication time are the story's.
-- Grain: one row per story.
create or replace view mart_stories as
select
    article.story_key,
    first.title as first_title,
    first.published_at as first_published_at,
    max(article.published_at) as last_published_at,
    count(*) as article_count,
    count(distinct article.source_key) as source_count
from dim_article as article
join dim_article as first on first.article_key = article.story_key
group by article.story_key, first.title, first.published_at;
