-- Report: the $top authors (dim_author through bridge_article_author) with the most
-- articles, with their first spelling.
-- Grain: one row per author.
select
    author.author_name as author,
    count(distinct bridge.article_key) as article_count
from bridge_article_author as bridge
join dim_author as author using (author_key)
group by author.author_key, author.author_name
order by article_count desc, author.author_name
limit $top;
