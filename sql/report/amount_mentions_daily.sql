-- Report: amounts mentioned in the text (fct_amount_mention), by kind, per publication day;
-- the report sums the days into weeks or months and fills the empty ones with zero.
-- Grain: one row per publication day × kind with at least one amount mention.
select
    article.published_date,
    amount.kind,
    count(*) as mention_count
from fct_amount_mention as amount
join dim_article as article on article.article_key = amount.article_key
group by article.published_date, amount.kind
order by article.published_date, amount.kind;
