-- Removes the BM25 lengths of articles being replaced or rebuilt (re-computed after).
-- Input view: staged_replaced_article(article_key).
delete from search_document
where article_key in (select article_key from staged_replaced_article);
