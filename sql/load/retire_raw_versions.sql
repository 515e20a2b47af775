-- Marks the stored raw version of each changed article as no longer current, in the same
-- transaction that inserts its new version. Input view: staged_replaced_article(article_id).
update raw_article
set is_current = false
where is_current
  and article_id in (select article_id from staged_replaced_article);
