-- Run summary: how many articles run $run_id loaded without NER (no model for their
-- language, NEWSETL_NER_MODELS).
-- Grain: one row (the run).
select articles_untagged
from etl_run
where run_id = $run_id;
