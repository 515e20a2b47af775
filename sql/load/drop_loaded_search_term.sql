-- Drops the batch's temporary search terms once both inserts have read them.
drop table if exists loaded_search_term;
