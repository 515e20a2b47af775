-- Why: search ranks one document per article; two would show the article twice.
-- The table has no run_id: the keys of this run's articles are checked.
-- The DuckDB file enforces it by a primary key or unique constraint; DuckLake enforces no key
-- (docs/warehouse.md "DuckLake backend"), so this check carries the guarantee there.
-- Returns the keys of this run's articles that occur more than once.
select article_key, count(*) as copies
from search_document
where article_key in (select article_key from dim_article where run_id = $run_id)
group by article_key
having count(*) > 1;
