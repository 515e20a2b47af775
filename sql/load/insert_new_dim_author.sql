-- Adds the authors this batch names for the first time (append-only, like dim_entity).
-- Input view: staged_dim_author.
insert into dim_author by name
select staged.*
from staged_dim_author as staged
where not exists (select 1 from dim_author where dim_author.author_key = staged.author_key);
