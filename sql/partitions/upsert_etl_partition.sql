-- Records the current state of each staged publication day (one row per day, replaced).
-- Input view: staged_partition (etl_partition's columns).
insert or replace into etl_partition by name
select * from staged_partition;
