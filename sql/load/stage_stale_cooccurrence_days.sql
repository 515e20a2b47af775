-- The stale pairs (load/stage_stale_cooccurrence.sql) whose first or last day may now be
-- wrong, counted again with both days from fct_article_entity, in the temp table that
-- load/delete_changed_cooccurrence.sql and load/insert_changed_cooccurrence.sql then write.
-- Runs after the batch's rows are inserted and its pairs added (which took the least first
-- and greatest last day of the stored and the batch's). A stale first day is confirmed when
-- a new version of a replaced article has the pair on that day or earlier (then the stored
-- first day is that article's), a stale last day likewise; a rebuilt or corrected article
-- usually keeps its day, so few pairs are re-read and the cost follows the batch. (A day
-- another article could confirm is re-read needlessly, never kept wrongly.)
-- Input view: staged_replaced_article(article_key); temp table stale_cooccurrence.
-- Grain: one row per stale pair whose first or last day is not confirmed.
create or replace temp table changed_cooccurrence as
with new_version_entity as (
    select article_key, entity_key, published_date_key
    from fct_article_entity
    where article_key in (select article_key from staged_replaced_article)
),
new_version_pair as (
    select
        entity_a.entity_key as entity_a_key,
        entity_b.entity_key as entity_b_key,
        min(entity_a.published_date_key) as first_published_date_key,
        max(entity_a.published_date_key) as last_published_date_key
    from new_version_entity as entity_a
    join new_version_entity as entity_b
        on entity_b.article_key = entity_a.article_key
        and entity_b.entity_key > entity_a.entity_key
    group by entity_a.entity_key, entity_b.entity_key
),
unconfirmed as materialized (
    select stale.entity_a_key, stale.entity_b_key
    from stale_cooccurrence as stale
    left join new_version_pair as new_pair
        on new_pair.entity_a_key = stale.entity_a_key
        and new_pair.entity_b_key = stale.entity_b_key
    where (stale.first_day_stale
           and not coalesce(new_pair.first_published_date_key
                            <= stale.first_published_date_key, false))
       or (stale.last_day_stale
           and not coalesce(new_pair.last_published_date_key
                            >= stale.last_published_date_key, false))
),
entity_a as materialized (  -- the articles of the unconfirmed pairs' entities only
    select article_key, entity_key, published_date_key
    from fct_article_entity
    where entity_key in (select entity_a_key from unconfirmed)
),
entity_b as materialized (
    select article_key, entity_key
    from fct_article_entity
    where entity_key in (select entity_b_key from unconfirmed)
)
select
    unconfirmed.entity_a_key,
    unconfirmed.entity_b_key,
    count(*) as article_count,
    min(entity_a.published_date_key) as first_published_date_key,
    max(entity_a.published_date_key) as last_published_date_key
from unconfirmed
join entity_a on entity_a.entity_key = unconfirmed.entity_a_key
join entity_b
    on entity_b.article_key = entity_a.article_key
    and entity_b.entity_key = unconfirmed.entity_b_key
group by unconfirmed.entity_a_key, unconfirmed.entity_b_key;
