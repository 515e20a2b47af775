-- A run whose committed warehouse was published: `publishing` becomes `succeeded`.
-- Grain: one etl_run row (run_id).
update etl_run
set status = 'succeeded'
where run_id = $run_id
  and status = 'publishing';
