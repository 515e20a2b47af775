-- Why: date_key joins every fact to the calendar; two rows with one key would count
-- each fact of that day twice. The calendar belongs to no run: the whole table is checked.
-- The DuckDB file enforces it by a primary key or unique constraint; DuckLake enforces no key
-- (docs/warehouse.md "DuckLake backend"), so this check carries the guarantee there.
-- Returns the keys that occur more than once.
select date_key, count(*) as copies
from dim_date
where $run_id is not null  -- binds the run parameter every check receives
group by date_key
having count(*) > 1;
