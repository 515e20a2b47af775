-- Stored places of other entities on the geonames ids a batch links, with their entity's
-- canonical name and stored id: rows keyed by an older key function (before rules
-- 2026.12.14 keys were the exact spelling), and rows of a name the current gazetteer no
-- longer links to that id (a newer gazetteer or naming rule renamed the place), hold an id
-- the batch's entity now holds, and are retired (`place_facts.superseded_places`,
-- delete_stale_dim_place.sql); a row that is current stays, so two current entities on one
-- id still fail assert_dim_place_one_geonames_id.
-- Input view: staged_dim_place.
select place.entity_key, entity.canonical_name, place.geonames_id
from dim_place as place
join dim_entity as entity on entity.entity_key = place.entity_key
where place.geonames_id in (
        select geonames_id from staged_dim_place where geonames_id is not null)
  and place.entity_key not in (select entity_key from staged_dim_place);
