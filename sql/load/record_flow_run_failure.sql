-- A flow run that failed or crashed (Prefect's on_failure/on_crashed hook): its newsetl
-- run, if still `running` (its process died before recording it), becomes `failed`; one
-- still `publishing` becomes `publish_failed`. A run already closed keeps its record.
-- Grain: the etl_run rows of one Prefect flow run.
update etl_run
set status = case when status = 'publishing' then 'publish_failed' else 'failed' end,
    finished_at = coalesce(finished_at, current_timestamp),
    error = coalesce(error, $error)
where flow_run_id = $flow_run_id
  and status in ('running', 'publishing');
