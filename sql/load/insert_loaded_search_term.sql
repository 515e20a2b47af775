-- Adds the search terms of the batch's articles (after their old ones were deleted, for a
-- replaced article). Input: temp table loaded_search_term (load/stage_loaded_search_term.sql).
insert into search_term by name
select article_key, term, term_frequency from loaded_search_term;
