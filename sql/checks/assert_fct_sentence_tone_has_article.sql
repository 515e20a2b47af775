-- Why: a sentence's tone without its article cannot be placed in time or joined to the
-- entities of its sentence.
-- Returns this run's orphan sentence tone rows.
select tone.article_key, tone.sentence_index
from fct_sentence_tone as tone
left join dim_article as article on article.article_key = tone.article_key
where tone.run_id = $run_id and article.article_key is null;
