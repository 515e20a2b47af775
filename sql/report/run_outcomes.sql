-- Run summary: what happened to the records run $run_id read, by outcome.
-- Grain: one row per outcome seen in the run.
select outcome, count(*) as records
from etl_record
where run_id = $run_id
group by outcome
order by records desc, outcome;
