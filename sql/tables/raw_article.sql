-- raw_article: the raw layer, every accepted article record exactly as read, so the star can be
-- rebuilt from the warehouse alone (backfills) after the inbox is gone.
-- Grain: one row per article_id × content_hash (each version ever loaded); is_current marks
-- the version the star is built from.
create table if not exists raw_article (
    article_id varchar not null,
    content_hash varchar not null,
    is_current boolean not null,
    run_id varchar not null,
    file_path varchar not null,
    record_number integer not null,
    file_format varchar not null,
    encoding varchar,
    title varchar,
    text varchar,
    published_raw varchar,
    url varchar,
    source varchar,
    language varchar,
    raw_record varchar,
    -- (article_id, content_hash) is unique, but not by an index (see dim_article.article_id):
    -- checks/assert_raw_article_version_unique.sql asserts it.
    loaded_at timestamptz not null default current_timestamp
);
