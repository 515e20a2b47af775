-- In a copy about to be published: the run publishing it is published once the copy is in
-- place, and nobody can read the copy before, so there it is `succeeded`.
-- Grain: the etl_run rows still `publishing` (at most one: one writer at a time).
update etl_run
set status = 'succeeded'
where status = 'publishing';
