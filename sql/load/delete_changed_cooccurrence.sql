-- Removes the stored rows of the pairs a batch changes (re-inserted by
-- load/insert_changed_cooccurrence.sql). Input: temp table changed_cooccurrence
-- (load/stage_replaced_cooccurrence.sql or load/stage_loaded_cooccurrence.sql).
delete from agg_entity_cooccurrence as pair
using changed_cooccurrence as changed
where pair.entity_a_key = changed.entity_a_key
  and pair.entity_b_key = changed.entity_b_key;
