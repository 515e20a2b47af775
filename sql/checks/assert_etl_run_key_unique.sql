-- Why: etl_run has one row per run, updated as the run goes; two would make its
-- status and counts ambiguous.
-- The DuckDB file enforces it by a primary key or unique constraint; DuckLake enforces no key
-- (docs/warehouse.md "DuckLake backend"), so this check carries the guarantee there.
-- Returns the keys of rows this run wrote that occur more than once.
select run_id, count(*) as copies
from etl_run
where run_id in (select run_id from etl_run where run_id = $run_id)
group by run_id
having count(*) > 1;
