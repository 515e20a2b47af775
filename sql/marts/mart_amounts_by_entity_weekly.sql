-- mart_amounts_by_entity_weekly: the amounts named in the same sentence as an entity (the
-- money attached to an organisation), ISO week by ISO week.
-- Grain: one row per entity × ISO week × kind × unit with at least one amount in a sentence
-- that names the entity. Sums never mix units: each currency is its own row.
-- amount_count counts every amount, parsed_count those with a value (sum and median are over
-- them); an amount in a sentence naming two entities counts for each.
create or replace view mart_amounts_by_entity_weekly as
with sentence_entities as (
    select distinct mention.article_key, mention.sentence_index, mention.entity_key
    from fct_entity_mention as mention
)
select
    entity.entity_key,
    entity.canonical_name,
    entity.entity_type,
    calendar.iso_year,
    calendar.iso_week,
    calendar.week_start_date,
    amount.kind,
    amount.unit,
    count(*) as amount_count,
    count(amount.value) as parsed_count,
    count(distinct amount.article_key) as article_count,
    sum(amount.value) as value_sum,
    median(amount.value) as value_median
from fct_amount_mention as amount
join sentence_entities
    on sentence_entities.article_key = amount.article_key
    and sentence_entities.sentence_index = amount.sentence_index
join dim_entity as entity on entity.entity_key = sentence_entities.entity_key
join dim_date as calendar on calendar.date_key = amount.published_date_key
group by all;
