-- Why: one real article must be one row; two rows with one natural key double every count.
-- Returns natural keys loaded by this run that occur more than once.
select natural_key, count(*) as copies
from dim_article
where natural_key in (select natural_key from dim_article where run_id = $run_id)
group by natural_key
having count(*) > 1;
