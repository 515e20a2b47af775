-- Why: every record read ends in exactly one outcome; a file's counts must equal its records.
-- Returns this run's files whose counts differ from their etl_record rows.
with records as (
    select
        file_path,
        count(*) as records_seen,
        count(*) filter (where outcome = 'new') as records_new,
        count(*) filter (where outcome = 'changed') as records_changed,
        count(*) filter (where outcome = 'unchanged') as records_unchanged,
        count(*) filter (where outcome = 'duplicate') as records_duplicate,
        count(*) filter (where outcome = 'quarantined') as records_quarantined
    from etl_record
    where run_id = $run_id
    group by file_path
)
select file.file_path
from etl_file as file
left join records on records.file_path = file.file_path
where file.run_id = $run_id
  and (file.records_seen, file.records_new, file.records_changed, file.records_unchanged,
       file.records_duplicate, file.records_quarantined)
      is distinct from
      (coalesce(records.records_seen, 0), coalesce(records.records_new, 0),
       coalesce(records.records_changed, 0), coalesce(records.records_unchanged, 0),
       coalesce(records.records_duplicate, 0), coalesce(records.records_quarantined, 0));
