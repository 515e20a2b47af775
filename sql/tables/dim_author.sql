-- dim_author: one row per author named in a byline, however the articles spelled the name.
-- Grain: one row per author (author_key: hash of normalized_name, never a counter).
-- Append-only like dim_entity: a name seen again keeps its first stored spelling.
create table if not exists dim_author (
    author_key bigint primary key,
    author_name varchar not null,           -- the name as first seen (transforms/metadata/authors.py)
    normalized_name varchar not null,       -- case-folded, accents removed, single spaces
    run_id varchar not null
);
