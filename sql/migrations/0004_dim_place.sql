-- Adds dim_place (place entities on the map) to warehouses created before version 4. A new
-- warehouse has it from sql/tables/dim_place.sql and never runs this ("if not exists" dates
-- from when new warehouses replayed every migration over sql/tables/).
-- Places of articles loaded before this version get their rows when a backfill rebuilds
-- their days (or when a later article mentions them).
create table if not exists dim_place (
    entity_key bigint primary key,
    geonames_id bigint,
    feature_class varchar,
    country_code varchar,
    country_name varchar,
    admin1_code varchar,
    admin1_name varchar,
    latitude double,
    longitude double,
    unlinked_reason varchar,
    run_id varchar not null
);
