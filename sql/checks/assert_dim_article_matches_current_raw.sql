-- Why: backfills rebuild the star from raw_article; every article must have exactly one
-- current raw version, and it must be the version dim_article was built from.
select article.article_id, article.content_hash, count(raw.article_id) as current_versions
from dim_article as article
left join raw_article as raw
    on raw.article_id = article.article_id and raw.is_current
where article.run_id = $run_id
group by article.article_id, article.content_hash
having count(raw.article_id) <> 1 or any_value(raw.content_hash) <> article.content_hash;
