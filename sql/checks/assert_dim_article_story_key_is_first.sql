-- Why: story_key names the first article of the story (its cluster of near-duplicate
-- copies: earliest published_at, then smallest article_key), so that a rerun, a backfill or
-- loading in another order gives the same key, and counts by story neither split nor merge
-- stories. A story whose key is its earliest member also has its key among its members,
-- and that article is its own story: a key naming a missing article, an article of another
-- story, or a later copy (a backfill added an older one and the story was not moved to it)
-- all show here.
-- Judged: the stories with an article of this run (a run also moves stored articles into
-- them), and every story whose key names no article (what a retired or replaced first
-- leaves behind when its story is not split again).
-- Never null either: the column is not declared not null (migrations/0007_story_clusters.sql).
-- Returns the stories whose key is null or not their earliest article.
select story_key, count(*) as articles,
    arg_min(article_key, (published_at, article_key)) as earliest_article_key
from dim_article
where story_key in (select story_key from dim_article where run_id = $run_id)
   or story_key not in (select article_key from dim_article)
   or story_key is null
group by story_key
having story_key is null
    or arg_min(article_key, (published_at, article_key)) <> story_key;
