-- Remembers size, mtime and hash of the files this batch read, so the next run can skip
-- them unread. Input view: staged_etl_file_state. A merge, not `insert or replace`: DuckLake
-- has no primary key to conflict on, and the same file runs on both backends.
merge into etl_file_state
using staged_etl_file_state as staged
on etl_file_state.file_path = staged.file_path
when matched then update by name
when not matched then insert by name;
