-- Adds the entities this batch mentions for the first time; their type is set by the
-- type vote that follows. Input view: staged_dim_entity.
insert into dim_entity by name
select staged.*
from staged_dim_entity as staged
where not exists (select 1 from dim_entity where dim_entity.entity_key = staged.entity_key);
