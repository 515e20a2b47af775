-- Articles matching the words $words, best BM25 score first, from the search terms the
-- writer keeps per batch (tables search_term, search_document; needs the fts extension's
-- `stem`). The query is tokenised like load/stage_loaded_search_term.sql (stop-words need no
-- filter: no article has them as a term); an article matches when it has any query term.
-- BM25 with k1 = 1.2, b = 0.75 and idf = ln((N - df + 0.5) / (df + 0.5) + 1), N and the
-- average length over all articles, df over the query's terms only (DuckDB's fts index used
-- log10 for the same formula: its scores were these divided by ln 10, the order the same).
-- Only the top $limit articles' texts are read. Ties broken by date (newest first), then key.
-- Grain: one row per matching article, at most $limit rows.
with query_term as (
    select distinct stem(word, 'porter') as term
    from (
        select unnest(regexp_split_to_array(lower(strip_accents($words)), '[^a-z0-9]+'))
            as word
    )
    where word <> ''
),
matched as materialized (
    select article_key, term, term_frequency
    from search_term
    where term in (select term from query_term)
),
collection as (
    select count(*) as documents, avg(length) as average_length
    from search_document
),
term_weight as (
    select
        matched.term,
        ln((any_value(collection.documents) - count(*) + 0.5) / (count(*) + 0.5) + 1) as idf
    from matched
    cross join collection
    group by matched.term
),
scored as (
    select
        matched.article_key,
        sum(term_weight.idf * matched.term_frequency * (1.2 + 1)
            / (matched.term_frequency
               + 1.2 * (1 - 0.75 + 0.75 * document.length / collection.average_length)))
            as score
    from matched
    join term_weight on term_weight.term = matched.term
    join search_document as document on document.article_key = matched.article_key
    cross join collection
    group by matched.article_key
),
ranked as (
    select scored.article_key, scored.score, article.published_date
    from scored
    join dim_article as article on article.article_key = scored.article_key
    order by scored.score desc, article.published_date desc, scored.article_key
    limit $limit
)
select
    article.article_id,
    article.published_date,
    article.title,
    article.text,
    ranked.score
from ranked
join dim_article as article on article.article_key = ranked.article_key
order by ranked.score desc, ranked.published_date desc, ranked.article_key;
