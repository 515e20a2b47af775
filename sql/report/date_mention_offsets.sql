-- Report: dates mentioned in the text against the publication date, in buckets of distance
-- (negative: before publication). Unresolved mentions are their own bucket.
-- Grain: one row per distance bucket with at least one mention.
select
    case
        when days_from_publication is null then 'unresolved'
        when days_from_publication < -365 then 'over a year before'
        when days_from_publication < -30 then '1–12 months before'
        when days_from_publication < -7 then '1–4 weeks before'
        when days_from_publication < 0 then '1–7 days before'
        when days_from_publication = 0 then 'same day'
        when days_from_publication <= 7 then '1–7 days after'
        when days_from_publication <= 30 then '1–4 weeks after'
        when days_from_publication <= 365 then '1–12 months after'
        else 'over a year after'
    end as bucket,
    min(coalesce(days_from_publication, 1000000)) as sort_key,
    count(*) as mention_count
from mart_date_mentions_vs_publication
group by bucket
order by sort_key;
