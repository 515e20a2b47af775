-- Why: dim_place has one row per place entity (type-1: replaced, never added to);
-- two would give a place's mentions two map positions.
-- The DuckDB file enforces it by a primary key or unique constraint; DuckLake enforces no key
-- (docs/warehouse.md "DuckLake backend"), so this check carries the guarantee there.
-- Returns the keys of rows this run wrote that occur more than once.
select entity_key, count(*) as copies
from dim_place
where entity_key in (select entity_key from dim_place where run_id = $run_id)
group by entity_key
having count(*) > 1;
