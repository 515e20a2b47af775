-- search_term: the search terms of each article (porter stems of its title and text tokens,
-- stop-words left out) and how often each occurs; BM25 reads them at query time
-- (search/match_articles.sql). Kept by the writer in the transaction that loads or replaces
-- the article (load/stage_loaded_search_term.sql, load/delete_replaced_search_term.sql).
-- Grain: one row per article × term.
create table if not exists search_term (
    article_key bigint not null,
    term varchar not null,
    term_frequency integer not null
);
