-- Run summary: what run $run_id quarantined, by reason code.
-- Grain: one row per reason code.
select reason_code, count(*) as quarantined
from quarantine
where run_id = $run_id
group by reason_code
order by quarantined desc, reason_code;
