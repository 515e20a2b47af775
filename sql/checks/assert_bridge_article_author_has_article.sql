-- Why: an author row must belong to a current article, or articles per author count
-- versions that were replaced. Returns this run's orphan bridge rows.
select bridge.article_key, bridge.author_key
from bridge_article_author as bridge
left join dim_article as article on article.article_key = bridge.article_key
where bridge.run_id = $run_id and article.article_key is null;
