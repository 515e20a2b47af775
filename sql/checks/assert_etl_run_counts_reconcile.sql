-- Why: a run's summary is what operators read; it must equal the file ledger it summarises.
-- Returns this run if its counts differ from the sums of its etl_file rows.
with files as (
    select
        count(*) as files_seen,
        count(*) filter (where outcome = 'loaded') as files_loaded,
        count(*) filter (where outcome = 'unchanged') as files_unchanged,
        count(*) filter (where outcome = 'duplicate') as files_duplicate,
        count(*) filter (where outcome = 'quarantined') as files_quarantined,
        coalesce(sum(records_seen), 0) as records_seen,
        coalesce(sum(records_new), 0) as articles_new,
        coalesce(sum(records_changed), 0) as articles_changed,
        coalesce(sum(records_unchanged), 0) as articles_unchanged,
        coalesce(sum(records_duplicate), 0) as articles_duplicate,
        coalesce(sum(records_quarantined), 0) as records_quarantined,
        coalesce(sum(articles_retired), 0) as articles_retired
    from etl_file
    where run_id = $run_id
)
select run.run_id
from etl_run as run, files
where run.run_id = $run_id
  and (run.files_seen, run.files_loaded, run.files_unchanged, run.files_duplicate,
       run.files_quarantined, run.records_seen, run.articles_new, run.articles_changed,
       run.articles_unchanged, run.articles_duplicate, run.records_quarantined,
       run.articles_retired)
      is distinct from
      (files.files_seen, files.files_loaded, files.files_unchanged, files.files_duplicate,
       files.files_quarantined, files.records_seen, files.articles_new, files.articles_changed,
       files.articles_unchanged, files.articles_duplicate, files.records_quarantined,
       files.articles_retired);
