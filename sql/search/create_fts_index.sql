-- The BM25 full-text index over article titles and texts (DuckDB fts extension), rebuilt
-- whole in the published copy at each publish; creates schema fts_main_dim_article with the
-- macro fts_main_dim_article.match_bm25(article_key, query).
-- Tokens are runs of letters and digits (the default drops digits: "G8", "2006").
-- Grain: one index document per dim_article row.
pragma create_fts_index(
    'dim_article', 'article_key', 'title', 'text',
    stemmer = 'porter', stopwords = 'english', ignore = '[^a-z0-9]+',
    strip_accents = 1, lower = 1, overwrite = 1
);
