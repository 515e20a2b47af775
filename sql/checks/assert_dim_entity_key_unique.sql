-- Why: entity_key joins every mention to its canonical entity; two rows with one key
-- would count each mention twice in the marts.
-- The DuckDB file enforces it by a primary key or unique constraint; DuckLake enforces no key
-- (docs/warehouse.md "DuckLake backend"), so this check carries the guarantee there.
-- Returns the keys of rows this run wrote that occur more than once.
select entity_key, count(*) as copies
from dim_entity
where entity_key in (select entity_key from dim_entity where run_id = $run_id)
group by entity_key
having count(*) > 1;
