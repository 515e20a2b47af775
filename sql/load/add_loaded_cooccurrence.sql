-- Adds the entity pairs of the batch's articles to agg_entity_cooccurrence (after their
-- fct_article_entity rows were inserted; a replaced article's old pairs were subtracted
-- first). The pairs are counted within the batch first: a merge source repeating a key
-- would not add up.
-- Input view: staged_fct_article_entity(article_key, entity_key, published_date_key).
merge into agg_entity_cooccurrence as pair
using (
    select
        entity_a.entity_key as entity_a_key,
        entity_b.entity_key as entity_b_key,
        count(*) as article_count,
        min(entity_a.published_date_key) as first_published_date_key,
        max(entity_a.published_date_key) as last_published_date_key
    from staged_fct_article_entity as entity_a
    join staged_fct_article_entity as entity_b
        on entity_b.article_key = entity_a.article_key
        and entity_b.entity_key > entity_a.entity_key
    group by entity_a.entity_key, entity_b.entity_key
) as added
on pair.entity_a_key = added.entity_a_key and pair.entity_b_key = added.entity_b_key
when matched then update set
    article_count = pair.article_count + added.article_count,
    first_published_date_key = least(pair.first_published_date_key,
                                     added.first_published_date_key),
    last_published_date_key = greatest(pair.last_published_date_key,
                                       added.last_published_date_key)
when not matched then insert (entity_a_key, entity_b_key, article_count,
                              first_published_date_key, last_published_date_key)
    values (added.entity_a_key, added.entity_b_key, added.article_count,
            added.first_published_date_key, added.last_published_date_key);
