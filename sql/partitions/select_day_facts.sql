-- Per publication day in $start_date..$end_date: its articles in the star, how many were
-- built by versions other than this code's ($newsetl_version, $model_name, $model_version,
-- $rules_version) and the day's recorded build: what backfill modes choose days by.
-- Grain: one row per day with articles or a recorded build in the range.
with articles as (
    select
        article.published_date,
        count(*) as articles,
        count(*) filter (where run.run_id is null
                            or run.newsetl_version <> $newsetl_version
                            or run.model_name <> $model_name
                            or run.model_version <> $model_version
                            or run.rules_version <> $rules_version) as stale_articles,
        string_agg(distinct 'newsetl ' || coalesce(run.newsetl_version, '?')
                            || ', model ' || coalesce(run.model_version, '?')
                            || ', rules ' || coalesce(run.rules_version, '?'), '; ')
            filter (where run.run_id is null
                       or run.newsetl_version <> $newsetl_version
                       or run.model_name <> $model_name
                       or run.model_version <> $model_version
                       or run.rules_version <> $rules_version) as stale_versions
    from dim_article as article
    left join etl_run as run on run.run_id = article.run_id
    where article.published_date between $start_date and $end_date
    group by article.published_date
),
partitions as (
    select published_date, status, error
    from etl_partition
    where published_date between $start_date and $end_date
)
select
    coalesce(articles.published_date, partitions.published_date) as published_date,
    coalesce(articles.articles, 0) as articles,
    0 as orphan_articles,
    coalesce(articles.stale_articles, 0) as stale_articles,
    articles.stale_versions,
    partitions.status,
    partitions.error
from articles
full join partitions on partitions.published_date = articles.published_date
order by 1;
