-- Articles matching the words $words, best BM25 score first (needs the fts extension loaded
-- and the index built by create_fts_index.sql). Ties broken by date then key.
-- Grain: one row per matching article, at most $limit rows.
select
    article.article_id,
    article.published_date,
    article.title,
    article.text,
    scored.score
from (
    select article_key, fts_main_dim_article.match_bm25(article_key, $words) as score
    from dim_article
) as scored
join dim_article as article on article.article_key = scored.article_key
where scored.score is not null
order by scored.score desc, article.published_date desc, article.article_key
limit $limit;
