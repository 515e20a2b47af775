-- Records the current state of each staged publication day (one row per day, replaced).
-- Input view: staged_partition (etl_partition's columns). A merge, not `insert or replace`:
-- DuckLake has no primary key to conflict on, and the same file runs on both backends.
merge into etl_partition
using staged_partition as staged
on etl_partition.published_date = staged.published_date
when matched then update by name
when not matched then insert by name;
