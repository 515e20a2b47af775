-- dim_entity_alias: every surface form seen, the entity it maps to and why.
-- Grain: one row per surface form × entity.
create table if not exists dim_entity_alias (
    surface_form varchar not null,
    entity_key bigint not null,
    match_rule varchar not null,            -- exact, cleaned, short_form, alias_table, acronym, fuzzy, demonym
    match_score double,                     -- similarity for fuzzy matches
    run_id varchar not null,
    primary key (surface_form, entity_key)
);
