-- What a backfill rebuilds one publication day from: the current raw version of each of the
-- day's articles, plus the staged orphans placed on the day.
-- Parameter: $published_date. Input view: staged_orphan(article_id).
-- Grain: one row per article.
select
    raw.article_id, raw.content_hash as stored_content_hash, raw.file_path,
    raw.record_number, raw.file_format, raw.encoding, raw.title, raw.text,
    raw.published_raw, raw.url, raw.source, raw.language, raw.raw_record
from raw_article as raw
where raw.is_current
  and (raw.article_id in (select article.article_id from dim_article as article
                          where article.published_date = $published_date)
       or raw.article_id in (select article_id from staged_orphan))
order by raw.file_path, raw.record_number;
