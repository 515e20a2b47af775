-- Remembers size, mtime and hash of the files this batch read, so the next run can skip
-- them unread. Input view: staged_etl_file_state.
insert or replace into etl_file_state by name
select * from staged_etl_file_state;
