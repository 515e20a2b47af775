-- Freshness of a published warehouse: when the last nightly run that succeeded finished
-- (in a published copy the run that made it is already `succeeded`: publishing marks it so
-- in the copy before the copy is put in place), and the newest publication day in the star.
-- Grain: one row.
select
    (select max(finished_at) from etl_run
     where run_kind = 'nightly' and status = 'succeeded') as last_nightly_at,
    (select max(published_date) from dim_article) as newest_published_date
