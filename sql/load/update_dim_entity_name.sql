-- Sets each touched entity's canonical name to the spelling most of its mentions write.
-- Input view: staged_canonical_name(entity_key, canonical_name).
update dim_entity
set canonical_name = voted.canonical_name
from staged_canonical_name as voted
where dim_entity.entity_key = voted.entity_key
  and dim_entity.canonical_name is distinct from voted.canonical_name;
