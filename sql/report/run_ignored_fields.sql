-- Run summary: the input fields run $run_id read but no mapping uses, most frequent first.
-- Grain: one row per field name.
select field_name, records, example_file
from etl_ignored_field
where run_id = $run_id
order by records desc, field_name;
