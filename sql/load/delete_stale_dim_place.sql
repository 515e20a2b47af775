-- Retires the place rows of entities keyed by an older key function whose geonames id a
-- current entity now holds (select_places_sharing_ids.sql). Their mentions keep their
-- entity until a `stale` backfill rebuilds their days under the current keys.
-- Input view: staged_stale_place(entity_key).
delete from dim_place
where entity_key in (select entity_key from staged_stale_place);
