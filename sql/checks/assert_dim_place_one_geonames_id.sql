-- Why: a place must be one entity and an entity one place. Two entities on one geonames id
-- split the place's mentions between two names (the canonical-name convention failed to
-- give one place one name); a linked row without its id, or an unlinked one with it,
-- contradicts itself. (One row, so one id, per entity: assert_dim_place_key_unique.)
-- Returns geonames ids with more than one entity, and contradictory rows, of this run's places.
select place.geonames_id, count(distinct place.entity_key) as entities
from dim_place as place
where place.geonames_id in (select geonames_id from dim_place where run_id = $run_id)
group by place.geonames_id
having count(distinct place.entity_key) > 1
union all
select place.geonames_id, 1 as entities
from dim_place as place
where place.run_id = $run_id
    and (place.geonames_id is null) = (place.unlinked_reason is null);
