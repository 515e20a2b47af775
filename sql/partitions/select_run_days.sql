-- The publication days a run put articles on (a nightly run marks them built).
-- Parameter: $run_id. Grain: one row per publication day.
select distinct published_date
from dim_article
where run_id = $run_id
order by published_date;
