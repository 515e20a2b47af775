-- Report: articles per language (dim_article.language, ISO 639-1) and how it was known
-- (declared by the input or detected), unknown languages included.
-- Grain: one row per language × language_source.
select
    coalesce(language, 'unknown') || ' (' || coalesce(language_source, 'not recorded') || ')'
        as language,
    count(*) as article_count
from dim_article
group by all
order by article_count desc, language;
