-- Why: the load adds a surface form's alias row once per entity; a second copy
-- would double that alias in lookups.
-- The DuckDB file enforces it by a primary key or unique constraint; DuckLake enforces no key
-- (docs/warehouse.md "DuckLake backend"), so this check carries the guarantee there.
-- Returns the keys of rows this run wrote that occur more than once.
select alias.surface_form, alias.entity_key, count(*) as copies
from dim_entity_alias as alias
where exists (
    select 1
    from dim_entity_alias as mine
    where mine.run_id = $run_id
      and mine.surface_form = alias.surface_form and mine.entity_key = alias.entity_key
)
group by alias.surface_form, alias.entity_key
having count(*) > 1;
