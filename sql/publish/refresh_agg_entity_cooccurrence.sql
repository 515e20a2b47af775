-- Refills agg_entity_cooccurrence from all of fct_article_entity (after a delete, in one
-- transaction: warehouse/publish.py refresh_aggregates). The load keeps the table up to date
-- batch by batch (load/stage_replaced_cooccurrence.sql, load/stage_loaded_cooccurrence.sql);
-- this full recompute is for rows written around the load and to check the upkeep against.
-- The pairs are counted by macros/article_entity_pairs.sql, as in the batch upkeep.
-- Grain: one row per unordered pair of distinct entities mentioned in the same article.
insert into agg_entity_cooccurrence
select * from article_entity_pairs('fct_article_entity');
