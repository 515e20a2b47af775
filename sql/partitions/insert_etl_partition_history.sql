-- Appends the finished builds among the staged days (a `running` mark is not history yet).
-- Input view: staged_partition (etl_partition's columns).
insert into etl_partition_history by name
select * from staged_partition
where status <> 'running';
