-- Freshness of a published warehouse: when the last nightly run that committed finished
-- (status `succeeded`, or `publishing`: in a published copy the run that made the copy
-- shows so, since the copy is taken before it is recorded `succeeded`), and the newest
-- publication day in the star. Grain: one row.
select
    (select max(finished_at) from etl_run
     where run_kind = 'nightly' and status in ('succeeded', 'publishing')) as last_nightly_at,
    (select max(published_date) from dim_article) as newest_published_date
