-- Report: the tables and columns of the warehouse, so a section that reads a table or
-- column not every warehouse has yet can say so instead of failing.
-- Grain: one row per column of a table or view in the main schema.
select table_name, column_name
from information_schema.columns
where table_schema = 'main'
order by table_name, column_name;
