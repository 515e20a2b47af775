-- Adds a batch's ignored-field counts to its run's (a run's batches add up; the first file
-- named stays). Input view: staged_etl_ignored_field.
insert into etl_ignored_field by name
select run_id, field_name, records, example_file from staged_etl_ignored_field
on conflict (run_id, field_name) do update set records = etl_ignored_field.records + excluded.records;
