-- A run still `running` when a new writer holds the lock was killed: mark it failed.
update etl_run
set status = 'failed',
    finished_at = current_timestamp,
    error = coalesce(error, 'interrupted: the process ended before the run finished')
where status = 'running';
