-- Report: quarantined files and records by reason code, over all runs.
-- Grain: one row per reason code.
select reason_code, count(*) as quarantined
from quarantine
group by reason_code
order by quarantined desc, reason_code;
