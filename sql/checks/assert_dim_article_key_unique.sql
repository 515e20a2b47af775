-- Why: article_key joins every fact to its article; two rows with one key would give each
-- of their facts two articles. No index enforces it (see tables/dim_article.sql), and a
-- 64-bit hash of two natural keys may collide, which the natural-key check cannot see.
-- Returns article keys loaded by this run that occur more than once.
select article_key, count(*) as copies
from dim_article
where article_key in (select article_key from dim_article where run_id = $run_id)
group by article_key
having count(*) > 1;
