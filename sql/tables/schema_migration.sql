-- schema_migration: which schema versions this warehouse file has applied.
-- Grain: one row per applied migration version.
create table if not exists schema_migration (
    version integer primary key,
    name varchar not null,
    newsetl_version varchar not null,
    applied_at timestamptz not null default current_timestamp
);
