-- search_document: each article's length for BM25, kept by the writer in the transaction that
-- loads or replaces the article (load/insert_loaded_search_document.sql).
-- length: how many terms its title and text give (tokens of letters and digits after
-- lower-casing and stripping accents, stop-words left out; see load/stage_loaded_search_term.sql).
-- Grain: one row per dim_article row (also for an article with no terms: length 0).
create table if not exists search_document (
    article_key bigint primary key,
    length integer not null
);
