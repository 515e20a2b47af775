-- Why: one remembered state per inbox file decides whether a file is read again;
-- two would make that decision ambiguous.
-- The DuckDB file enforces it by a primary key or unique constraint; DuckLake enforces no key
-- (docs/warehouse.md "DuckLake backend"), so this check carries the guarantee there.
-- Returns the keys of rows this run wrote that occur more than once.
select file_path, count(*) as copies
from etl_file_state
where file_path in (select file_path from etl_file_state where last_run_id = $run_id)
group by file_path
having count(*) > 1;
