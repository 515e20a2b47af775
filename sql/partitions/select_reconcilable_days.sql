-- Days recorded `failed` because a nightly run did not finish (killed, or failed after
-- committing some batches) while their articles it loaded are committed: each batch
-- commits its raw rows, star rows and ledger together, and the files of the batches it
-- did not commit have no etl_file_state, so the next nightly run reads them again. Once a
-- later nightly run ($run_id) has succeeded, such a day holds every article the inbox has
-- for it: it is built, not failed. Days a backfill left failed are not here (a rebuild
-- that failed needs `failed` mode), nor those of a run whose data checks failed (its rows
-- are suspect: `failed` mode rebuilds them). Grain: one row per publication day.
select partition.published_date
from etl_partition as partition
join etl_run as failed_run on failed_run.run_id = partition.run_id
where partition.status = 'failed'
  and failed_run.run_kind = 'nightly'
  and failed_run.status = 'failed'
  and failed_run.run_id <> $run_id
  and coalesce(failed_run.error, '') not like 'DataCheckError%'
  and exists (
      select 1 from dim_article as article
      where article.published_date = partition.published_date
  )
order by partition.published_date;
