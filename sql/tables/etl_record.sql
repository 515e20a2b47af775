-- etl_record: what happened to every record read from a file (the record ledger).
-- Grain: one row per run × file × record number, for every record of every file read.
create table if not exists etl_record (
    run_id varchar not null,
    file_path varchar not null,
    record_number integer not null,
    article_id varchar,                     -- null when quarantined before it had an identity
    content_hash varchar,
    outcome varchar not null,               -- new | changed | unchanged | duplicate | quarantined
    duplicate_of_article_id varchar,        -- for duplicates: the article first loaded with this content
    reason_code varchar                     -- for quarantined records
);
