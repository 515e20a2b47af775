-- Why: a mention whose article is missing from dim_article is counted by no analyst join
-- (an inner join drops it silently). Returns this run's orphan mentions.
select mention.article_key, mention.start_char
from fct_entity_mention as mention
left join dim_article as article on article.article_key = mention.article_key
where mention.run_id = $run_id and article.article_key is null;
