-- The entity pairs of the batch's articles added to agg_entity_cooccurrence: each pair's row
-- as it must become (stored counts and days plus the batch's), in a temporary table that
-- load/delete_changed_cooccurrence.sql and load/insert_changed_cooccurrence.sql then write.
-- Runs after the batch's fct_article_entity rows are inserted (and a replaced article's old
-- pairs were taken out). The pairs are counted within the batch first, so each is one row.
-- Input view: staged_fct_article_entity(article_key, entity_key, published_date_key).
-- Grain: one row per unordered pair of entities both mentioned in a loaded article.
create or replace temp table changed_cooccurrence as
with added as (
    select * from article_entity_pairs('staged_fct_article_entity')
)
select
    added.entity_a_key,
    added.entity_b_key,
    coalesce(pair.article_count, 0) + added.article_count as article_count,
    least(pair.first_published_date_key, added.first_published_date_key)
        as first_published_date_key,  -- least and greatest skip a null
    greatest(pair.last_published_date_key, added.last_published_date_key)
        as last_published_date_key
from added
left join agg_entity_cooccurrence as pair
    on pair.entity_a_key = added.entity_a_key
    and pair.entity_b_key = added.entity_b_key;
