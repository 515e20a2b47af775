-- Why: etl_partition has one current row per publication day (replaced, the
-- history goes to etl_partition_history); two would make a day's state ambiguous.
-- The DuckDB file enforces it by a primary key or unique constraint; DuckLake enforces no key
-- (docs/warehouse.md "DuckLake backend"), so this check carries the guarantee there.
-- Returns the keys of rows this run wrote that occur more than once.
select published_date, count(*) as copies
from etl_partition
where published_date in (select published_date from etl_partition where run_id = $run_id)
group by published_date
having count(*) > 1;
