-- dim_date: the conformed calendar for publication dates and dates mentioned in the text.
-- Grain: one row per calendar day, 1800-01-01 to 2199-12-31 (filled once at creation).
create table if not exists dim_date (
    date_key integer primary key,           -- yyyymmdd
    full_date date not null unique,
    year smallint not null,
    quarter tinyint not null,
    month tinyint not null,
    month_name varchar not null,
    day_of_month tinyint not null,
    day_of_week tinyint not null,           -- ISO: 1 = Monday
    day_name varchar not null,
    iso_year smallint not null,
    iso_week tinyint not null,
    week_start_date date not null,          -- the Monday of its ISO week
    month_start_date date not null,
    is_weekend boolean not null
);
