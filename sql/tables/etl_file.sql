-- etl_file: what happened to every input file in every run (the append-only file ledger).
-- Grain: one row per run × inbox-relative file path. Exactly one outcome per file per run.
create table if not exists etl_file (
    run_id varchar not null,
    file_path varchar not null,
    outcome varchar not null,               -- loaded | unchanged | duplicate | quarantined
    reason_code varchar,                    -- set when the whole file was quarantined
    file_format varchar,
    encoding varchar,
    size_bytes bigint,
    mtime_ns bigint,
    content_hash varchar,                   -- sha256 of the bytes on disk; null when not read
    records_seen integer not null default 0,
    records_new integer not null default 0,
    records_changed integer not null default 0,
    records_unchanged integer not null default 0,
    records_duplicate integer not null default 0,
    records_quarantined integer not null default 0,
    articles_retired integer not null default 0,  -- loaded before from this file, now gone from it
    recorded_at timestamptz not null default current_timestamp
);
