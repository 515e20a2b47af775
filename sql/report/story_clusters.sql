-- Report: the $top stories (near-duplicate clusters, dim_article.story_key) with the most
-- articles, labelled by rank and the title of their first article.
-- Grain: one row per story with more than one article.
with story as (
    select
        story_key,
        arg_min(title, published_at) as first_title,
        count(*) as article_count,
        count(distinct source_key) as source_count,
        min(published_date) as first_date,
        max(published_date) as last_date
    from dim_article
    where story_key is not null
    group by story_key
    having count(*) > 1
)
select
    row_number() over (order by article_count desc, first_date, story_key) || '. '
        || coalesce(left(first_title, 70), '(untitled)') as story,
    article_count,
    source_count,
    first_date,
    last_date
from story
order by article_count desc, first_date, story_key
limit $top;
