-- etl_ignored_field: the input fields of JSON and CSV records that no mapping reads
-- (ingest/fields.py, transforms/metadata/sources.py), counted per run, so a new feed format
-- is noticed. A field counts for a record whatever its value.
-- Grain: one row per run × field name as the input spells it (run_id, field_name).
create table if not exists etl_ignored_field (
    run_id varchar not null,
    field_name varchar not null,
    records bigint not null,                -- records read by the run that have the field
    example_file varchar not null,          -- the first file the run found it in
    primary key (run_id, field_name)
);
