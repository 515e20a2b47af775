-- Mentions per spaCy label of the entities a batch touched, and whether the gazetteer links
-- the entity to a place: the input of the type vote.
-- Input view: staged_dim_entity(entity_key).
select
    mention.entity_key,
    mention.mention_label as label,
    count(*) as mentions,
    bool_or(place.feature_class is not null) as linked_place
from fct_entity_mention as mention
left join dim_place as place on place.entity_key = mention.entity_key
where mention.entity_key in (select entity_key from staged_dim_entity)
group by mention.entity_key, mention.mention_label;
