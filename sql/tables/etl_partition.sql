-- etl_partition: the current state of every publication day (a partition), so nightly runs
-- and backfills can tell which days are missing, failed or stale. History is in
-- etl_partition_history.
-- Grain: one row per publication day (published_date).
create table if not exists etl_partition (
    published_date date primary key,
    published_date_key integer not null,    -- yyyymmdd
    status varchar not null,                -- running | succeeded | failed
    build_reason varchar,                   -- why the last build happened (nightly, or the backfill mode's reason)
    articles integer not null default 0,    -- dim_article rows of the day after the build
    entity_mentions bigint not null default 0,
    date_mentions bigint not null default 0,
    newsetl_version varchar not null,       -- versions of the run that built it last
    model_name varchar not null,
    model_version varchar not null,
    rules_version varchar not null,
    run_id varchar not null,                -- etl_run of the last build
    run_kind varchar not null,              -- nightly | backfill
    started_at timestamptz not null,
    finished_at timestamptz,
    error varchar                           -- set when status = 'failed'
);
