-- Why: each schema version is applied once; two rows for one version mean a
-- migration ran twice. The table belongs to no run: the whole table is checked.
-- The DuckDB file enforces it by a primary key or unique constraint; DuckLake enforces no key
-- (docs/warehouse.md "DuckLake backend"), so this check carries the guarantee there.
-- Returns the keys that occur more than once.
select version, count(*) as copies
from schema_migration
where $run_id is not null  -- binds the run parameter every check receives
group by version
having count(*) > 1;
