-- Adds the sources this batch names for the first time (keys are deterministic, so an
-- existing row is already right). Input view: staged_dim_source.
insert into dim_source by name
select staged.*
from staged_dim_source as staged
where not exists (select 1 from dim_source where dim_source.source_key = staged.source_key);
