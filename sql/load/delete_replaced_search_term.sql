-- Removes the search terms of articles being replaced or rebuilt (re-tokenised after).
-- Input view: staged_replaced_article(article_key).
delete from search_term
where article_key in (select article_key from staged_replaced_article);
