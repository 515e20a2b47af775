-- etl_partition_history: every finished build of a publication day (append-only), so what a
-- backfill did to a day stays visible after the day is built again.
-- Grain: one row per run × publication day × outcome (succeeded or failed).
create table if not exists etl_partition_history (
    published_date date not null,
    published_date_key integer not null,
    status varchar not null,                -- succeeded | failed
    build_reason varchar,
    articles integer not null default 0,
    entity_mentions bigint not null default 0,
    date_mentions bigint not null default 0,
    newsetl_version varchar not null,
    model_name varchar not null,
    model_version varchar not null,
    rules_version varchar not null,
    run_id varchar not null,
    run_kind varchar not null,
    started_at timestamptz not null,
    finished_at timestamptz,
    error varchar,
    recorded_at timestamptz not null default current_timestamp
);
