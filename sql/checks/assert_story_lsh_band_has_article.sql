-- Why: the bands of an article that is gone (replaced, retired) would let new articles
-- join a story through it.
-- Returns this run's bands whose article is not in dim_article.
select band.article_key, count(*) as bands
from story_lsh_band as band
left join dim_article as article on article.article_key = band.article_key
where band.run_id = $run_id and article.article_key is null
group by band.article_key;
