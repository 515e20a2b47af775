-- mart_source_volume: how much each source publishes, day by day; sum over any range.
-- Grain: one row per source × publication date with at least one article.
create or replace view mart_source_volume as
select
    source.source_key,
    source.source_name,
    article.published_date,
    count(*) as article_count,
    cast(sum(article.word_count) as bigint) as word_count
from dim_article as article
join dim_source as source on source.source_key = article.source_key
group by source.source_key, source.source_name, article.published_date;
