-- etl_run: the ledger of pipeline runs and the versions that made their rows.
-- Grain: one row per run (run_id). Every derived row carries its run_id.
create table if not exists etl_run (
    run_id varchar primary key,
    run_kind varchar not null,              -- nightly | backfill
    flow_run_id varchar,                    -- Prefect flow run id, when run under Prefect
    status varchar not null,                -- running | publishing | succeeded | failed | publish_failed
    started_at timestamptz not null,
    finished_at timestamptz,
    seconds double,
    newsetl_version varchar not null,
    model_name varchar not null,
    model_version varchar not null,
    rules_version varchar not null,
    inbox varchar,
    files_seen integer not null default 0,
    files_loaded integer not null default 0,
    files_unchanged integer not null default 0,
    files_duplicate integer not null default 0,
    files_quarantined integer not null default 0,
    records_seen integer not null default 0,
    articles_new integer not null default 0,
    articles_changed integer not null default 0,
    articles_unchanged integer not null default 0,
    articles_duplicate integer not null default 0,
    records_quarantined integer not null default 0,
    articles_retired integer not null default 0,
    entity_mentions bigint not null default 0,
    date_mentions bigint not null default 0,
    error varchar,
    -- Added in version 9 (migrations/0009_language_and_tone.sql), last so that a new
    -- warehouse and a migrated one have the same column order.
    articles_untagged integer not null default 0  -- loaded without NER: no model for
                                                  -- their language
);
