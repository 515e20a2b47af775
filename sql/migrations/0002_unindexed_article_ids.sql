-- Drops the indexes behind dim_article's unique article_id and raw_article's primary key
-- (article_id, content_hash), for warehouses created before version 2. DuckDB rewrites an
-- index on varchar keys whole at every checkpoint: at 50,000 articles that was ~1 s of each
-- nightly run, and growing with the warehouse. Uniqueness is decided by the load and
-- asserted by checks/assert_dim_article_natural_key_unique.sql (article_id hashes it) and
-- checks/assert_raw_article_version_unique.sql. DuckDB cannot drop a constraint in place, so
-- each table is rebuilt in its version-2 shape, spelled out here rather than read from
-- sql/tables/, which moves on with later versions (0003 dropped dim_article's key index);
-- the views are recreated after every migration.
create table dim_article_v2 (
    article_key bigint primary key,
    article_id varchar not null,
    natural_key varchar not null,
    url varchar,
    title varchar,
    published_at timestamptz not null,
    published_date date not null,
    published_date_key integer not null,
    source_key bigint not null,
    language varchar,
    word_count integer not null,
    char_count integer not null,
    text varchar not null,
    content_hash varchar not null,
    file_path varchar not null,
    record_number integer not null,
    run_id varchar not null
);
insert into dim_article_v2 by name select * from dim_article;
drop table dim_article;
alter table dim_article_v2 rename to dim_article;

create table raw_article_v2 (
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
    loaded_at timestamptz not null default current_timestamp
);
insert into raw_article_v2 by name select * from raw_article;
drop table raw_article;
alter table raw_article_v2 rename to raw_article;
