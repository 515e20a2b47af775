-- Drops the batch's temporary changed pairs once they are written.
drop table if exists changed_cooccurrence;
