-- dim_entity: one canonical entity per real-world thing, whatever its spelling in the text.
-- Grain: one row per entity (entity_key: hash of the canonical identity, never a counter).
create table if not exists dim_entity (
    entity_key bigint primary key,
    canonical_name varchar not null,
    entity_type varchar not null,           -- majority spaCy label of its mentions
    linked_entity_key bigint,               -- for a demonym/nationality: its country
    run_id varchar not null
);
