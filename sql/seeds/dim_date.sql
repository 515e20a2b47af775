-- dim_date calendar fill: every day from 1800-01-01 to 2199-12-31, written once at creation.
-- Grain: one row per calendar day.
insert into dim_date
select
    cast(strftime(day, '%Y%m%d') as integer) as date_key,
    day as full_date,
    year(day) as year,
    quarter(day) as quarter,
    month(day) as month,
    monthname(day) as month_name,
    dayofmonth(day) as day_of_month,
    isodow(day) as day_of_week,
    dayname(day) as day_name,
    isoyear(day) as iso_year,
    weekofyear(day) as iso_week,
    cast(date_trunc('week', day) as date) as week_start_date,
    cast(date_trunc('month', day) as date) as month_start_date,
    isodow(day) >= 6 as is_weekend
from (
    select cast(generate_series as date) as day
    from generate_series(timestamp '1800-01-01', timestamp '2199-12-31', interval 1 day)
) as calendar
where not exists (select 1 from dim_date);
