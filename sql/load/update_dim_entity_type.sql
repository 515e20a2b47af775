-- Sets each touched entity's type to the vote over all its mentions.
-- Input view: staged_entity_type(entity_key, entity_type).
update dim_entity
set entity_type = voted.entity_type
from staged_entity_type as voted
where dim_entity.entity_key = voted.entity_key
  and dim_entity.entity_type is distinct from voted.entity_type;
