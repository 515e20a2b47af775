-- Mentions per spaCy label of the entities a batch touched, whether the gazetteer links
-- the entity to a place, and whether its canonical name is one word: the input of the type
-- vote.
-- Input view: staged_dim_entity(entity_key).
select
    mention.entity_key,
    mention.mention_label as label,
    count(*) as mentions,
    bool_or(place.feature_class is not null) as linked_place,
    bool_or(not contains(entity.canonical_name, ' ')) as one_word
from fct_entity_mention as mention
join dim_entity as entity on entity.entity_key = mention.entity_key
left join dim_place as place on place.entity_key = mention.entity_key
where mention.entity_key in (select entity_key from staged_dim_entity)
group by mention.entity_key, mention.mention_label;
