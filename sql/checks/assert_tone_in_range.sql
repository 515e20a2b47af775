-- Why: VADER's compound score lies in [-1, 1] and shares in [0, 1]; anything else is a bug
-- in how the scores were computed or aggregated, and would skew every average.
-- Returns this run's tone rows out of range (article or sentence).
select 'article' as grain, article_key, null as sentence_index, tone
from fct_article_tone
where run_id = $run_id
  and (tone not between -1 and 1 or positive_share not between 0 and 1
       or negative_share not between 0 and 1 or positive_share + negative_share > 1)
union all
select 'sentence', article_key, sentence_index, tone
from fct_sentence_tone
where run_id = $run_id and tone not between -1 and 1;
