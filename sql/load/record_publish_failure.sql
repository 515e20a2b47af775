-- A committed run whose warehouse could not be checkpointed or published: it never claims
-- success. `publishing` becomes `publish_failed`; a run already `failed` (a backfill with
-- failed days) keeps its status. The cause is added to the error. Grain: one etl_run row.
update etl_run
set status = case when status = 'publishing' then 'publish_failed' else status end,
    error = case when error is null then $cause else error || '; ' || $cause end
where run_id = $run_id;
