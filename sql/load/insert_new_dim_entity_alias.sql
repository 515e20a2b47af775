-- Records surface forms seen for the first time with the entity they went to and why.
-- Input view: staged_dim_entity_alias.
insert into dim_entity_alias by name
select staged.*
from staged_dim_entity_alias as staged
where not exists (
    select 1 from dim_entity_alias as alias
    where alias.surface_form = staged.surface_form and alias.entity_key = staged.entity_key
);
