-- Why: the article tone mart averages one row per article; a missing row drops an article
-- from it, a second one counts it twice, and a row on a non-English article is a lexicon
-- applied to a language it does not know.
-- Returns this run's articles that break it: English (or undetermined, tagged as English)
-- articles without exactly one fct_article_tone row whose sentence_count is its number of
-- fct_sentence_tone rows, and other languages with any tone row. When no English article of
-- the run has a tone row at all, English had no NER model (NEWSETL_NER_MODELS) and the
-- English part is not asserted.
with articles as (
    select article_key, coalesce(language, 'en') = 'en' as is_english
    from dim_article
    where run_id = $run_id
),
article_tone as (
    select article_key, count(*) as tone_rows, max(sentence_count) as sentence_count
    from fct_article_tone
    where article_key in (select article_key from articles)
    group by article_key
),
sentence_tone as (
    select article_key, count(*) as sentences
    from fct_sentence_tone
    where article_key in (select article_key from articles)
    group by article_key
),
english_scored as (
    select count(*) > 0 as any_scored
    from articles join article_tone using (article_key)
    where articles.is_english
)
select articles.article_key, articles.is_english, article_tone.tone_rows,
    article_tone.sentence_count, sentence_tone.sentences
from articles
left join article_tone using (article_key)
left join sentence_tone using (article_key)
cross join english_scored
where (articles.is_english and english_scored.any_scored
       and (article_tone.tone_rows is distinct from 1
            or article_tone.sentence_count is distinct from sentence_tone.sentences))
   or (not articles.is_english
       and (article_tone.tone_rows is not null or sentence_tone.sentences is not null));
