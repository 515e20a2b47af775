-- Why: a run's batches add their counts into one row per field; two rows would
-- report the field twice.
-- The DuckDB file enforces it by a primary key or unique constraint; DuckLake enforces no key
-- (docs/warehouse.md "DuckLake backend"), so this check carries the guarantee there.
-- Returns the keys of rows this run wrote that occur more than once.
select run_id, field_name, count(*) as copies
from etl_ignored_field
where run_id = $run_id
group by run_id, field_name
having count(*) > 1;
