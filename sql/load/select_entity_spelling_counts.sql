-- How often each entity a batch touched is written exactly as a canonical name (match_rule
-- `exact`), per spelling: the input of the spelling vote (`spelling_vote`).
-- Input view: staged_dim_entity(entity_key).
select
    mention.entity_key,
    mention.surface_text as spelling,
    count(*) as mentions
from fct_entity_mention as mention
where mention.match_rule = 'exact'
  and mention.entity_key in (select entity_key from staged_dim_entity)
group by mention.entity_key, mention.surface_text;
