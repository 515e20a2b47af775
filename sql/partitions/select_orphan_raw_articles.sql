-- Current raw versions of articles with no star rows (raw loaded but never built, or star
-- rows lost): `missing` mode places them on their publication day and builds them.
-- Grain: one row per article (its current raw version).
select
    raw.article_id, raw.content_hash as stored_content_hash, raw.file_path,
    raw.record_number, raw.file_format, raw.encoding, raw.title, raw.text,
    raw.published_raw, raw.url, raw.source, raw.language, raw.raw_record
from raw_article as raw
where raw.is_current
  and not exists (select 1 from dim_article as article where article.article_id = raw.article_id)
order by raw.file_path, raw.record_number;
