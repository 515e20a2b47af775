-- Why: fct_article_entity is a roll-up of fct_entity_mention; if they disagree, two marts
-- give two answers. Returns this run's article × entity pairs whose counts differ.
with mentions as (
    select article_key, entity_key, count(*) as mention_count
    from fct_entity_mention
    where run_id = $run_id
    group by article_key, entity_key
),
rollup as (
    select article_key, entity_key, mention_count
    from fct_article_entity
    where run_id = $run_id
)
select
    coalesce(mentions.article_key, rollup.article_key) as article_key,
    coalesce(mentions.entity_key, rollup.entity_key) as entity_key,
    mentions.mention_count as counted,
    rollup.mention_count as stored
from mentions
full outer join rollup
    on rollup.article_key = mentions.article_key and rollup.entity_key = mentions.entity_key
where mentions.mention_count is distinct from rollup.mention_count;
