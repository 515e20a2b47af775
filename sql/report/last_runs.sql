-- Report: the $limit most recent runs with their counts and durations.
-- Grain: one row per run.
select
    run_id, run_kind, status, started_at, seconds,
    articles_new, articles_changed, articles_unchanged, articles_duplicate,
    records_quarantined
from etl_run
order by started_at desc, run_id
limit $limit;
