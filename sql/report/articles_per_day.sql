-- Report: how many articles were published each day.
-- Grain: one row per publication date with at least one article.
select published_date, count(*) as article_count
from dim_article
group by published_date
order by published_date;
