-- The run before $run_id (the latest one started earlier): its status and versions tell an
-- unchanged rerun whether the published copy and report are still current (see
-- docs/operations.md, "A run that changed nothing").
-- Grain: at most one etl_run row.
select status, newsetl_version, model_name, model_version, rules_version
from etl_run
where run_id <> $run_id
  and started_at <= (select started_at from etl_run where run_id = $run_id)
order by started_at desc
limit 1;
