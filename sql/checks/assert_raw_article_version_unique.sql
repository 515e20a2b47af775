-- Why: the raw layer keeps each version of an article once; a second copy would make a
-- rebuild choose between them. No index enforces it (see tables/raw_article.sql).
-- Returns (article_id, content_hash) pairs written by this run that are stored more than once.
select article_id, content_hash, count(*) as copies
from raw_article
where article_id in (select article_id from raw_article where run_id = $run_id)
group by article_id, content_hash
having count(*) > 1;
