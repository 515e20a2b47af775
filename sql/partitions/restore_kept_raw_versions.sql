-- A rebuilt article keeps its raw version: the loader retired it with the article's old star
-- rows, so it is made current again in the same transaction.
-- Input view: staged_kept_raw_article(article_id, content_hash).
update raw_article
set is_current = true
where not is_current
  and (article_id, content_hash) in (select article_id, content_hash
                                     from staged_kept_raw_article);
