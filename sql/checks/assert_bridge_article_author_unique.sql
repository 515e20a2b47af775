-- Why: the bridge has no index (like the facts); one row per article × author and one
-- author per position is asserted here. Returns this run's duplicated pairs or positions.
select bridge.article_key, bridge.author_key, bridge.author_position
from bridge_article_author as bridge
where bridge.article_key in (select article_key from bridge_article_author where run_id = $run_id)
qualify count(*) over (partition by bridge.article_key, bridge.author_key) > 1
     or count(*) over (partition by bridge.article_key, bridge.author_position) > 1;
