-- Adds the place entities this batch names for the first time. A row is a function of the
-- entity's canonical name, so an existing row is already right. Input view: staged_dim_place.
insert into dim_place by name
select staged.*
from staged_dim_place as staged
where not exists (select 1 from dim_place where dim_place.entity_key = staged.entity_key);
