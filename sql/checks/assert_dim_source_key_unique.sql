-- Why: source_key joins each article to its publisher; two rows with one key would
-- give their articles two publishers.
-- The DuckDB file enforces it by a primary key or unique constraint; DuckLake enforces no key
-- (docs/warehouse.md "DuckLake backend"), so this check carries the guarantee there.
-- Returns the keys of rows this run wrote that occur more than once.
select source_key, count(*) as copies
from dim_source
where source_key in (select source_key from dim_source where run_id = $run_id)
group by source_key
having count(*) > 1;
