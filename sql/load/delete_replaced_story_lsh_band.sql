-- Removes the LSH bands of articles being replaced or rebuilt (their new bands are inserted
-- after; a retired article's are gone with it).
-- Input view: staged_replaced_article(article_key).
delete from story_lsh_band
where article_key in (select article_key from staged_replaced_article);
