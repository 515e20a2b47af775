-- Why: a mention pointing at no dim_entity row vanishes from every per-entity count.
-- Returns this run's mentions whose entity_key is unknown.
select mention.article_key, mention.entity_key, mention.surface_text
from fct_entity_mention as mention
left join dim_entity as entity on entity.entity_key = mention.entity_key
where mention.run_id = $run_id and entity.entity_key is null;
