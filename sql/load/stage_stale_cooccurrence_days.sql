-- The stale pairs (load/stage_stale_cooccurrence.sql) whose stored first or last day no
-- longer has an article, with both days computed again from fct_article_entity, in the temp
-- table that load/delete_changed_cooccurrence.sql and load/insert_changed_cooccurrence.sql
-- then write. Runs after the batch's rows are inserted and its pairs added. A stored day is
-- confirmed when a new version of a replaced article has the pair on that day (a rebuilt or
-- corrected article usually keeps its day): only the others are re-read, so the cost
-- follows the batch. (A day confirmed by any other article is re-read needlessly, never
-- kept wrongly: the stored days are never inside the range of the pair's articles.)
-- Input view: staged_replaced_article(article_key); temp table stale_cooccurrence.
-- Grain: one row per stale pair whose stored first or last day had to be computed again.
create or replace temp table changed_cooccurrence as
with stale as (
    select pair.*
    from agg_entity_cooccurrence as pair
    join stale_cooccurrence as stale
        on stale.entity_a_key = pair.entity_a_key
        and stale.entity_b_key = pair.entity_b_key
),
new_version_entity as (
    select article_key, entity_key, published_date_key
    from fct_article_entity
    where article_key in (select article_key from staged_replaced_article)
),
new_version_pair as (
    select distinct
        entity_a.entity_key as entity_a_key,
        entity_b.entity_key as entity_b_key,
        entity_a.published_date_key
    from new_version_entity as entity_a
    join new_version_entity as entity_b
        on entity_b.article_key = entity_a.article_key
        and entity_b.entity_key > entity_a.entity_key
),
unconfirmed as (
    select stale.*
    from stale
    where not exists (
            select 1 from new_version_pair as pair
            where pair.entity_a_key = stale.entity_a_key
              and pair.entity_b_key = stale.entity_b_key
              and pair.published_date_key = stale.first_published_date_key)
       or not exists (
            select 1 from new_version_pair as pair
            where pair.entity_a_key = stale.entity_a_key
              and pair.entity_b_key = stale.entity_b_key
              and pair.published_date_key = stale.last_published_date_key)
)
select
    unconfirmed.entity_a_key,
    unconfirmed.entity_b_key,
    unconfirmed.article_count,
    min(entity_a.published_date_key) as first_published_date_key,
    max(entity_a.published_date_key) as last_published_date_key
from unconfirmed
join fct_article_entity as entity_a on entity_a.entity_key = unconfirmed.entity_a_key
join fct_article_entity as entity_b
    on entity_b.article_key = entity_a.article_key
    and entity_b.entity_key = unconfirmed.entity_b_key
group by unconfirmed.entity_a_key, unconfirmed.entity_b_key, unconfirmed.article_count;
