-- Removes the dim_article rows of articles being replaced or rebuilt (re-inserted after).
-- Input view: staged_replaced_article(article_key).
delete from dim_article
where article_key in (select article_key from staged_replaced_article);
