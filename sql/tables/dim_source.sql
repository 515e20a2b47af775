-- dim_source: publishers, named by their source field or else their URL's domain.
-- Grain: one row per source (source_key = hash of the normalised source name).
create table if not exists dim_source (
    source_key bigint primary key,
    source_name varchar not null,
    run_id varchar not null
);
