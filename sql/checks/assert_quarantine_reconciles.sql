-- Why: nothing may be lost silently: every quarantined file and record has a reason row,
-- and no reason row lacks its ledger outcome. Returns this run if the numbers differ.
select run.run_id, quarantined.rows as quarantine_rows,
       run.records_quarantined + whole_files.files as expected_rows
from etl_run as run,
    (select count(*) as rows from quarantine where run_id = $run_id) as quarantined,
    (select count(*) as files from etl_file
     where run_id = $run_id and outcome = 'quarantined' and reason_code is not null) as whole_files
where run.run_id = $run_id
  and quarantined.rows <> run.records_quarantined + whole_files.files;
