-- Why: a calendar day has one date_key; two rows for one date would split its facts.
-- The calendar belongs to no run: the whole table is checked.
-- The DuckDB file enforces it by a primary key or unique constraint; DuckLake enforces no key
-- (docs/warehouse.md "DuckLake backend"), so this check carries the guarantee there.
-- Returns the keys that occur more than once.
select full_date, count(*) as copies
from dim_date
where $run_id is not null  -- binds the run parameter every check receives
group by full_date
having count(*) > 1;
