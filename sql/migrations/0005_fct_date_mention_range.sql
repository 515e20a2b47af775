-- Adds each date mention's range (resolved_start, resolved_end) and what it was read against
-- (anchor) to fct_date_mention, for warehouses created before version 5. A new warehouse
-- has the columns from sql/tables/fct_date_mention.sql and never runs this (`if not exists`
-- dates from when new warehouses replayed every migration over sql/tables/).
-- Old rows get their range from resolved_date and resolution (the period starting on
-- resolved_date); their anchor stays null: whether a row was read against the publication
-- date or its own words cannot be told from the stored columns (rerun or backfill the days
-- to fill it).
alter table fct_date_mention add column if not exists resolved_start date;
alter table fct_date_mention add column if not exists resolved_end date;
alter table fct_date_mention add column if not exists anchor varchar;
update fct_date_mention
set resolved_start = resolved_date,
    resolved_end = cast(resolved_date + case resolution
        when 'day' then interval 1 day
        when 'week' then interval 7 day
        when 'month' then interval 1 month
        when 'quarter' then interval 3 month
        when 'year' then interval 1 year
        when 'decade' then interval 10 year
    end as date) - 1
where resolved_date is not null and resolved_start is null;
