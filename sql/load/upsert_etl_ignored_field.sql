-- Adds a batch's ignored-field counts to its run's (a run's batches add up; the first file
-- named stays). Input view: staged_etl_ignored_field. A merge, not `on conflict`: DuckLake
-- has no primary key to conflict on, and the same file runs on both backends.
merge into etl_ignored_field
using staged_etl_ignored_field as staged
on etl_ignored_field.run_id = staged.run_id and etl_ignored_field.field_name = staged.field_name
when matched then update set records = etl_ignored_field.records + staged.records
when not matched then insert (run_id, field_name, records, example_file)
    values (staged.run_id, staged.field_name, staged.records, staged.example_file);
