-- mart_date_mentions_vs_publication: the dates an article talks about against the day it was
-- published. A resolved mention stands for a period (day, week, month, quarter, year,
-- decade) starting on resolved_date; `relation` says whether that period ended before the
-- publication date (past), contains it (current) or starts after it (future).
-- Unresolved mentions are kept, with relation 'unresolved' and their reason.
-- Grain: one row per date mention (article × character span).
create or replace view mart_date_mentions_vs_publication as
select
    mention.article_key,
    article.published_date,
    mention.surface_text,
    mention.resolved_date,
    mention.resolution,
    mention.is_ambiguous,
    mention.unresolved_reason,
    mention.resolved_date - article.published_date as days_from_publication,
    case
        when mention.resolved_date is null then 'unresolved'
        when mention.resolved_date > article.published_date then 'future'
        when mention.resolved_date + case mention.resolution
                when 'week' then interval 7 day
                when 'month' then interval 1 month
                when 'quarter' then interval 3 month
                when 'year' then interval 1 year
                when 'decade' then interval 10 year
                else interval 1 day
            end > article.published_date then 'current'
        else 'past'
    end as relation
from fct_date_mention as mention
join dim_article as article on article.article_key = mention.article_key;
