-- The entity pairs of articles being replaced or rebuilt, taken out of agg_entity_cooccurrence:
-- each touched pair's row as it must become, in a temporary table that
-- load/delete_changed_cooccurrence.sql and load/insert_changed_cooccurrence.sql then write
-- (a pair left with no article is not inserted again). Reads the old fct_article_entity
-- rows, so it runs before load/delete_replaced_fct_article_entity.sql.
-- A pair whose first (last) publication day was a removed article's is marked
-- `first_day_stale` (`last_day_stale`): if it keeps articles, that day is checked once the
-- batch is loaded
-- (load/stage_stale_cooccurrence.sql, load/stage_stale_cooccurrence_days.sql), when a new
-- version of the article has usually brought the same day back.
-- Rows are deleted and inserted, not updated: DuckDB's checkpoint rewrites every row group
-- holding an updated row, and a batch's pairs are spread over the whole table.
-- Input view: staged_replaced_article(article_key).
-- Grain: one row per unordered pair of entities both mentioned in a replaced article.
create or replace temp table changed_cooccurrence as
with removed_entity as (
    select article_key, entity_key, published_date_key
    from fct_article_entity
    where article_key in (select article_key from staged_replaced_article)
),
removed as (
    select * from article_entity_pairs('removed_entity')
)
select
    pair.entity_a_key,
    pair.entity_b_key,
    pair.article_count - removed.article_count as article_count,
    pair.first_published_date_key,
    pair.last_published_date_key,
    removed.first_published_date_key = pair.first_published_date_key as first_day_stale,
    removed.last_published_date_key = pair.last_published_date_key as last_day_stale
from removed
join agg_entity_cooccurrence as pair
    on pair.entity_a_key = removed.entity_a_key
    and pair.entity_b_key = removed.entity_b_key;
