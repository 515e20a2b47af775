-- Adds the raw version of each loaded article as its current one, unless that version is
-- already stored (restore_raw_versions.sql made it current). Input view: staged_raw_article.
insert into raw_article by name
select staged.*
from staged_raw_article as staged
anti join raw_article as stored
    on stored.article_id = staged.article_id and stored.content_hash = staged.content_hash;
