-- Run summary: the languages of the articles run $run_id loaded, where each came from, and
-- how many got a tone row (English only).
-- Grain: one row per language × language_source among the run's articles.
select coalesce(article.language, 'undetermined') as language,
       coalesce(article.language_source, '') as language_source,
       count(*) as articles,
       count(tone.article_key) as with_tone
from dim_article as article
left join fct_article_tone as tone using (article_key)
where article.run_id = $run_id
group by all
order by articles desc, language;
