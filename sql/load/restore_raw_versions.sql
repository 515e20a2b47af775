-- Makes a stored raw version current again when an article's content returns to it
-- (h1 → h2 → h1), refreshed with where it was read this time. Runs before
-- insert_new_raw_versions.sql, which adds the versions not stored yet.
-- Input view: staged_raw_article.
update raw_article
set is_current = true,
    run_id = staged.run_id,
    file_path = staged.file_path,
    record_number = staged.record_number,
    file_format = staged.file_format,
    encoding = staged.encoding,
    raw_record = staged.raw_record,
    loaded_at = now()
from staged_raw_article as staged
where raw_article.article_id = staged.article_id
  and raw_article.content_hash = staged.content_hash;
