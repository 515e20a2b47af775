-- Current articles whose current raw version came from files a batch re-reads: those the
-- new version of a file no longer contains are retired. Input view: staged_read_file(file_path).
select raw.article_id, article.article_key, raw.file_path
from raw_article as raw
join dim_article as article on article.article_id = raw.article_id
where raw.is_current
  and raw.file_path in (select file_path from staged_read_file);
