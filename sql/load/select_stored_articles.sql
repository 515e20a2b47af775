-- Stored articles sharing an id or a content hash with a batch: the input of the
-- new / changed / unchanged / duplicate classification. Input view: staged_identity.
select article.article_id, article.content_hash
from dim_article as article
where article.article_id in (select article_id from staged_identity)
   or article.content_hash in (select content_hash from staged_identity);
