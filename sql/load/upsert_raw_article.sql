-- Adds the raw version of each loaded article as its current one. An article whose content
-- returns to a version already stored (h1 → h2 → h1) makes that stored row current again,
-- refreshed with where it was read this time. Input view: staged_raw_article.
insert into raw_article by name
select * from staged_raw_article
on conflict (article_id, content_hash) do update set
    is_current = true,
    run_id = excluded.run_id,
    file_path = excluded.file_path,
    record_number = excluded.record_number,
    file_format = excluded.file_format,
    encoding = excluded.encoding,
    raw_record = excluded.raw_record,
    loaded_at = now();
