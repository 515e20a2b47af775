-- dim_article: one row per article in its current version.
-- Grain: one row per article (article_id: hash of the URL, else of inbox path + record number).
create table if not exists dim_article (
    -- Unique, but not by an index either: with one, DuckDB keeps the table in one growing row
    -- group and rewrites it whole, texts included, at each checkpoint (0.4 s per run at
    -- 50,000 articles, growing up to a full row group of 122,880 rows; 0.02 s without).
    -- article_key is a hash of natural_key; checks/assert_dim_article_key_unique.sql asserts it.
    article_key bigint not null,
    -- Unique, but not by an index: DuckDB rewrites a varchar key's index whole at every
    -- checkpoint (0.5 s per run at 50,000 articles, growing); the load decides one row per
    -- article_id in Polars, and checks/assert_dim_article_natural_key_unique.sql asserts it
    -- (article_id is the hash of natural_key).
    article_id varchar not null,
    natural_key varchar not null,
    url varchar,
    title varchar,
    published_at timestamptz not null,
    published_date date not null,
    published_date_key integer not null,
    source_key bigint not null,
    language varchar,                       -- ISO 639-1: declared (normalized) or detected
    word_count integer not null,
    char_count integer not null,
    text varchar not null,                  -- cleaned text; entity and date offsets point into it
    content_hash varchar not null,
    file_path varchar not null,
    record_number integer not null,
    run_id varchar not null,
    -- Added in version 7 (migrations/0007_story_clusters.sql): the article_key of the first
    -- article (earliest published_at, then smallest article_key) of its story, the cluster of
    -- its near-duplicate copies (transforms/articles/stories.py); its own key when alone.
    -- Never null (checks/assert_dim_article_story_key_is_first.sql; see the migration).
    story_key bigint,
    -- Added in version 8 (migrations/0008_authors_and_metadata.sql), last so that a migrated
    -- warehouse has the same column order; from the record's own metadata, null when absent.
    description varchar,
    section varchar,
    keywords varchar[],                     -- keywords and tags as the source gave them
    image_url varchar,                      -- absolute http(s) URL only
    modified_at timestamptz,                -- the source's modification time, if it gives one
    -- Added in version 9 (migrations/0009_language_and_tone.sql), last so that a new
    -- warehouse and a migrated one have the same column order.
    language_source varchar                 -- declared | detected; null: neither known (or
                                            -- loaded before version 9)
);
