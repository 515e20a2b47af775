-- Report: the $top places with coordinates mentioned most (as places: GPE, LOC, FAC, like
-- mart_place_mentions_weekly), for the map. Places without coordinates (US states,
-- unlinked names) are left out: a map has nowhere to put them.
-- Grain: one row per place entity with coordinates and at least one mention.
select
    entity.canonical_name as place_name,
    place.country_code,
    place.country_name,
    place.feature_class,
    place.latitude,
    place.longitude,
    count(*) as mention_count,
    count(distinct mention.article_key) as article_count
from fct_entity_mention as mention
join dim_place as place on place.entity_key = mention.entity_key
join dim_entity as entity on entity.entity_key = mention.entity_key
where place.latitude is not null
  and place.longitude is not null
  and mention.mention_label in ('GPE', 'LOC', 'FAC')
group by entity.entity_key, entity.canonical_name, place.country_code, place.country_name,
    place.feature_class, place.latitude, place.longitude
order by mention_count desc, place_name
limit $top;
