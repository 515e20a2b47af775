-- Writes the changed pairs' rows back; a pair no article mentions any more stays deleted.
-- Input: temp table changed_cooccurrence.
insert into agg_entity_cooccurrence by name
select entity_a_key, entity_b_key, article_count, first_published_date_key,
       last_published_date_key
from changed_cooccurrence
where article_count > 0;
