-- story_lsh_band: the locality-sensitive-hashing state of the story clusters
-- (transforms/articles/stories.py): each article's MinHash signature of its word shingles,
-- cut into bands. Articles sharing a (band, band_hash) are candidate copies of one story;
-- the stored values confirm them by estimated Jaccard similarity. New articles find their
-- story by a join on (band, band_hash) (load/select_story_neighbours.sql): no index lives
-- outside the warehouse, so a rerun or a backfill sees the same state.
-- Grain: one row per article × band (32 bands an article loaded since version 7).
create table if not exists story_lsh_band (
    article_key bigint not null,            -- dim_article.article_key
    band smallint not null,                 -- 0 .. 31
    band_hash bigint not null,              -- 63-bit hash of the band's values
    minhash uinteger[] not null,            -- the band's 4 MinHash values, in order
    run_id varchar not null
);
