-- Days a run left unfinished, to be recorded as failed. The caller holds the writer lock,
-- so no other run is building anything: a day still `running` was being built by a process
-- that died, and a day holding star rows of a failed or interrupted run that its recorded
-- build does not account for (a nightly run killed after committing some batches) never
-- had its build recorded. Grain: one row per publication day (its latest such run).
with still_running as (
    select partition.published_date, partition.run_id
    from etl_partition as partition
    where partition.status = 'running'
),
unrecorded as (
    select distinct article.published_date, article.run_id
    from dim_article as article
    join etl_run as run on run.run_id = article.run_id
    left join etl_partition as partition on partition.published_date = article.published_date
    where run.status not in ('succeeded', 'publishing', 'publish_failed')
      and (partition.published_date is null
           or (partition.run_id <> run.run_id and partition.started_at < run.started_at))
),
days as (
    select published_date, run_id from still_running
    union
    select published_date, run_id from unrecorded
)
select
    days.published_date,
    run.run_id,
    run.run_kind,
    run.newsetl_version,
    run.model_name,
    run.model_version,
    run.rules_version,
    run.started_at,
    run.run_kind as build_reason,
    coalesce(run.error, 'interrupted: the process ended before the day was built') as error
from days
join etl_run as run on run.run_id = days.run_id
qualify row_number() over (partition by days.published_date order by run.started_at desc) = 1
order by days.published_date;
