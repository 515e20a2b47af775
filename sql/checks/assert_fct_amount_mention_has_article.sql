-- Why: an amount without its article cannot be dated or attached to the entities named
-- beside it. Returns this run's orphan amount mentions.
select mention.article_key, mention.start_char
from fct_amount_mention as mention
left join dim_article as article on article.article_key = mention.article_key
where mention.run_id = $run_id and article.article_key is null;
