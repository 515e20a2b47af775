-- bridge_article_author: the authors of each article, in byline order.
-- Grain: one row per article × author (article_key, author_key); author_position 1 is the
-- first name of the byline. Rows of a replaced or rebuilt article are deleted and written
-- again with it (sql/load/delete_replaced_bridge_article_author.sql).
create table if not exists bridge_article_author (
    article_key bigint not null,
    author_key bigint not null,
    author_position integer not null,
    author_name varchar not null,           -- as this article wrote it
    run_id varchar not null
);
