-- etl_file_state: the last known size, mtime and hash of every inbox path, so an unchanged
-- file is recognised without reading it. Updated for the files a run read or rejected
-- (except `unreadable` ones, tried again every run); never for files skipped unread.
-- Grain: one row per inbox-relative file path.
create table if not exists etl_file_state (
    file_path varchar primary key,
    size_bytes bigint,
    mtime_ns bigint,
    content_hash varchar,
    last_outcome varchar not null,
    last_run_id varchar not null
);
