-- Report: the tone of the articles (fct_article_tone) per publication day: the sum of the
-- articles' tone (an article with several rows counts once, at their average) and how
-- many articles were scored, so the report can average them over weeks or months.
-- Grain: one row per publication day with at least one scored article.
with article_tone as (
    select article_key, avg(tone) as tone
    from fct_article_tone
    group by article_key
)
select
    article.published_date,
    sum(article_tone.tone) as tone_sum,
    count(*) as article_count
from article_tone
join dim_article as article on article.article_key = article_tone.article_key
group by article.published_date
order by article.published_date;
