-- Why: a date mention without its article cannot be compared with a publication date.
-- Returns this run's orphan date mentions.
select mention.article_key, mention.start_char
from fct_date_mention as mention
left join dim_article as article on article.article_key = mention.article_key
where mention.run_id = $run_id and article.article_key is null;
