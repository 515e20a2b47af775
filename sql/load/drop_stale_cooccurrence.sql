-- Drops the batch's temporary stale pairs once their days are checked.
drop table if exists stale_cooccurrence;
