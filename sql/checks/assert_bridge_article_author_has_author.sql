-- Why: every bridge row must name an author of dim_author (the dimension is append-only,
-- so a missing one means the load skipped it). Returns this run's rows without their author.
select bridge.article_key, bridge.author_key
from bridge_article_author as bridge
left join dim_author as author on author.author_key = bridge.author_key
where bridge.run_id = $run_id and author.author_key is null;
