-- Remembers the pairs that keep articles but whose first or last day may have gone with a
-- replaced article, with the days stored before, for load/stage_stale_cooccurrence_days.sql
-- after the batch's inserts. Input: temp table changed_cooccurrence
-- (load/stage_replaced_cooccurrence.sql).
create or replace temp table stale_cooccurrence as
select entity_a_key, entity_b_key, first_day_stale, last_day_stale, first_published_date_key,
       last_published_date_key
from changed_cooccurrence
where (first_day_stale or last_day_stale) and article_count > 0;
