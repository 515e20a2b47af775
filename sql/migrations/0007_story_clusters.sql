-- Adds the story clusters (near-duplicate articles) to warehouses created before version 7:
-- dim_article.story_key and the LSH bands stories are found by (story_lsh_band). A new
-- warehouse has both from sql/tables/ and never runs this (`if not exists` lets the tests
-- that rewind a new warehouse to an older version replay it).
-- Every article already loaded becomes a story of its own (story_key = article_key): its
-- bands need its MinHash signature, which SQL cannot compute. A backfill of its days
-- (`newsetl backfill … --mode stale`: the rules version changed with this one) writes its
-- bands and joins it to its story; until then no later article can find it.
-- story_key is not declared not null: DuckDB cannot set a column not null after filling it
-- in the same transaction (rebuilding dim_article, texts and all, would be the price);
-- checks/assert_dim_article_story_key_is_first.sql fails on a null instead.
alter table dim_article add column if not exists story_key bigint;
update dim_article set story_key = article_key where story_key is null;
create table if not exists story_lsh_band (
    article_key bigint not null,
    band smallint not null,
    band_hash bigint not null,
    minhash uinteger[] not null,
    run_id varchar not null
);
