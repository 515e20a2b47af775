-- Remembers the pairs whose first or last day may have gone with a replaced article (and
-- that keep articles), for load/stage_stale_cooccurrence_days.sql after the batch's inserts.
-- Input: temp table changed_cooccurrence (load/stage_replaced_cooccurrence.sql).
create or replace temp table stale_cooccurrence as
select entity_a_key, entity_b_key
from changed_cooccurrence
where stale and article_count > 0;
