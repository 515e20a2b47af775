-- Why: author_key joins bridge_article_author to the author; two rows with one key
-- would give an article's author two names.
-- The DuckDB file enforces it by a primary key or unique constraint; DuckLake enforces no key
-- (docs/warehouse.md "DuckLake backend"), so this check carries the guarantee there.
-- Returns the keys of rows this run wrote that occur more than once.
select author_key, count(*) as copies
from dim_author
where author_key in (select author_key from dim_author where run_id = $run_id)
group by author_key
having count(*) > 1;
