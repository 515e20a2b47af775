-- Removes the tone rows of articles being replaced or rebuilt.
-- Input view: staged_replaced_article(article_key).
delete from fct_article_tone
where article_key in (select article_key from staged_replaced_article);
