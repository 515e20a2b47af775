-- Mentions per spaCy label of the entities a batch touched: the input of the type vote.
-- Input view: staged_dim_entity(entity_key).
select mention.entity_key, mention.mention_label as label, count(*) as mentions
from fct_entity_mention as mention
where mention.entity_key in (select entity_key from staged_dim_entity)
group by mention.entity_key, mention.mention_label;
