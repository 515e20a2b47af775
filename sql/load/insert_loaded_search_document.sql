-- Adds each loaded article's BM25 length: how many terms it has (0 when none).
-- Input view: staged_dim_article(article_key); temp table loaded_search_term.
insert into search_document by name
select article.article_key, coalesce(sum(term.term_frequency), 0)::integer as length
from staged_dim_article as article
left join loaded_search_term as term on term.article_key = article.article_key
group by article.article_key;
