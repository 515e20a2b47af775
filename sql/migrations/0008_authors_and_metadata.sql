-- Adds article metadata (issue 18) to warehouses created before version 8: the metadata
-- columns of dim_article, dim_author, bridge_article_author and etl_ignored_field. A new
-- warehouse has them from sql/tables/ and never runs this. Articles loaded before this
-- version get their metadata and authors when a backfill rebuilds their days (JSON and CSV
-- records keep the whole input object in raw_article.raw_record; HTML and feed records
-- read before this version kept no metadata there, so theirs stay null).
alter table dim_article add column if not exists description varchar;
alter table dim_article add column if not exists section varchar;
alter table dim_article add column if not exists keywords varchar[];
alter table dim_article add column if not exists image_url varchar;
alter table dim_article add column if not exists modified_at timestamptz;
create table if not exists dim_author (
    author_key bigint primary key,
    author_name varchar not null,
    normalized_name varchar not null,
    run_id varchar not null
);
create table if not exists bridge_article_author (
    article_key bigint not null,
    author_key bigint not null,
    author_position integer not null,
    author_name varchar not null,
    run_id varchar not null
);
create table if not exists etl_ignored_field (
    run_id varchar not null,
    field_name varchar not null,
    records bigint not null,
    example_file varchar not null,
    primary key (run_id, field_name)
);
