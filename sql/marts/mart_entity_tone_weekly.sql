-- mart_entity_tone_weekly: the average lexicon tone of the sentences that mention each
-- entity, ISO week by ISO week (English articles only; docs/warehouse.md#tone).
-- Grain: one row per entity × ISO week (Monday start) with at least one scored sentence
-- mentioning it.
-- Why the mentioning sentences and not the whole article: an article about a flood that
-- names the mayor once in passing says little about the mayor; the sentence that names
-- them is the nearest text the lexicon can read. Each sentence counts once per entity,
-- however many times it names it. This is still the tone of the words around a name, not
-- the writer's stance towards it.
create or replace view mart_entity_tone_weekly as
with mentioning_sentences as (
    select distinct mention.entity_key, mention.article_key, mention.sentence_index,
        mention.published_date_key
    from fct_entity_mention as mention
)
select
    entity.entity_key,
    entity.canonical_name,
    entity.entity_type,
    calendar.iso_year,
    calendar.iso_week,
    calendar.week_start_date,
    count(distinct sentence.article_key) as article_count,
    count(*) as sentence_count,
    avg(tone.tone) as average_tone,
    count(*) filter (where tone.tone >= 0.05) as positive_sentences,
    count(*) filter (where tone.tone <= -0.05) as negative_sentences
from mentioning_sentences as sentence
join fct_sentence_tone as tone
    on tone.article_key = sentence.article_key and tone.sentence_index = sentence.sentence_index
join dim_entity as entity on entity.entity_key = sentence.entity_key
join dim_date as calendar on calendar.date_key = sentence.published_date_key
group by entity.entity_key, entity.canonical_name, entity.entity_type,
    calendar.iso_year, calendar.iso_week, calendar.week_start_date;
