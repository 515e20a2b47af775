-- Takes the entity pairs of articles being replaced or rebuilt out of agg_entity_cooccurrence,
-- while their fct_article_entity rows still exist (it runs before
-- load/delete_replaced_fct_article_entity.sql). A pair left with no article is deleted. A pair
-- whose first or last publication day came from a removed article gets both days again from
-- the articles it keeps (only those pairs are re-read, so the cost follows the batch).
-- Input view: staged_replaced_article(article_key).
merge into agg_entity_cooccurrence as pair
using (
    with removed_entity as (
        select article_key, entity_key, published_date_key
        from fct_article_entity
        where article_key in (select article_key from staged_replaced_article)
    ),
    removed as (  -- one row per pair: the merge source must not repeat a key
        select
            entity_a.entity_key as entity_a_key,
            entity_b.entity_key as entity_b_key,
            count(*) as article_count,
            min(entity_a.published_date_key) as first_published_date_key,
            max(entity_a.published_date_key) as last_published_date_key
        from removed_entity as entity_a
        join removed_entity as entity_b
            on entity_b.article_key = entity_a.article_key
            and entity_b.entity_key > entity_a.entity_key
        group by entity_a.entity_key, entity_b.entity_key
    ),
    stale as (  -- pairs that keep articles but may lose their first or last day
        select removed.entity_a_key, removed.entity_b_key
        from removed
        join agg_entity_cooccurrence as pair
            on pair.entity_a_key = removed.entity_a_key
            and pair.entity_b_key = removed.entity_b_key
        where pair.article_count > removed.article_count
          and (removed.first_published_date_key = pair.first_published_date_key
               or removed.last_published_date_key = pair.last_published_date_key)
    ),
    kept as (
        select
            stale.entity_a_key,
            stale.entity_b_key,
            min(entity_a.published_date_key) as first_published_date_key,
            max(entity_a.published_date_key) as last_published_date_key
        from stale
        join fct_article_entity as entity_a on entity_a.entity_key = stale.entity_a_key
        join fct_article_entity as entity_b
            on entity_b.article_key = entity_a.article_key
            and entity_b.entity_key = stale.entity_b_key
        where entity_a.article_key not in (select article_key from staged_replaced_article)
        group by stale.entity_a_key, stale.entity_b_key
    )
    select
        removed.entity_a_key,
        removed.entity_b_key,
        removed.article_count,
        kept.first_published_date_key,
        kept.last_published_date_key
    from removed
    left join kept
        on kept.entity_a_key = removed.entity_a_key
        and kept.entity_b_key = removed.entity_b_key
) as gone
on pair.entity_a_key = gone.entity_a_key and pair.entity_b_key = gone.entity_b_key
when matched and pair.article_count <= gone.article_count then delete
when matched then update set
    article_count = pair.article_count - gone.article_count,
    first_published_date_key = coalesce(gone.first_published_date_key,
                                        pair.first_published_date_key),
    last_published_date_key = coalesce(gone.last_published_date_key,
                                       pair.last_published_date_key);
