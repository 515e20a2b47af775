-- The stored articles whose story a batch may change, with their bands: every article of
-- each story that has an article sharing a (band, band_hash) with the batch's articles
-- (their candidate copies), and of each story that loses an article being replaced or
-- retired (it may split). Whole stories, so their first articles can be picked again.
-- The batch's own articles and the replaced ones are left out: their old rows are going.
-- Input views: staged_story_band(article_key, band, band_hash),
-- staged_story_replaced(article_key).
-- Grain: one row per stored article × band.
with leaving as (
    select article_key from staged_story_replaced
    union
    select article_key from staged_story_band
),
touched as (
    select distinct article.story_key
    from story_lsh_band as stored
    join staged_story_band as batch
        on batch.band = stored.band and batch.band_hash = stored.band_hash
    join dim_article as article on article.article_key = stored.article_key
    union
    select article.story_key
    from dim_article as article
    where article.article_key in (select article_key from staged_story_replaced)
)
select article.article_key, article.published_at, article.story_key, band.band,
    band.band_hash, band.minhash
from dim_article as article
join story_lsh_band as band on band.article_key = article.article_key
where article.story_key in (select story_key from touched)
  and article.article_key not in (select article_key from leaving)
order by article.article_key, band.band;
