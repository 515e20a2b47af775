-- quarantine: every file or record that could not be loaded, with its reason.
-- Grain: one row per run × file (whole-file failures, record_number null) or × record.
create table if not exists quarantine (
    run_id varchar not null,
    file_path varchar not null,
    record_number integer,
    reason_code varchar not null,
    detail varchar,
    raw_payload varchar,                    -- the record as read, when it could be read (capped)
    stored_copy varchar,                    -- path of the file's copy under the quarantine folder
    quarantined_at timestamptz not null default current_timestamp
);
