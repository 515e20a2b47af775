-- A run still `running` when a new writer holds the lock was killed: mark it failed. One
-- still `publishing` had committed everything but died before its copy was published (or
-- before that was recorded): `publish_failed`; this run publishes.
update etl_run
set status = case when status = 'publishing' then 'publish_failed' else 'failed' end,
    finished_at = coalesce(finished_at, current_timestamp),
    error = coalesce(error, case when status = 'publishing'
        then 'interrupted: the process ended while the run was being published'
        else 'interrupted: the process ended before the run finished' end)
where status in ('running', 'publishing');
