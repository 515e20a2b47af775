-- Adds fct_amount_mention (money, percentages and quantities in the text) to warehouses
-- created before version 6. A new warehouse has it from sql/tables/fct_amount_mention.sql
-- and never runs this. Articles loaded before this version get their amounts when a
-- backfill rebuilds their days.
create table if not exists fct_amount_mention (
    article_key bigint not null,
    published_date_key integer not null,
    surface_text varchar not null,          -- exactly as spaCy gave it
    start_char integer not null,
    end_char integer not null,
    sentence_index integer not null,
    kind varchar not null,                  -- money | percent | quantity
    value double,                           -- scale applied ("$3.5 billion" → 3.5e9); null
                                            -- iff unparsed_reason is set
    unit varchar,                           -- ISO 4217 code (money); '%', percentage_point or
                                            -- basis_point (percent); the unit (quantity)
    scale_word varchar,                     -- thousand, million, billion, … as applied
    qualifier varchar,                      -- approximate | more_than | less_than
    range_low double,                       -- a range's bounds ("$3–5 million")
    range_high double,
    unparsed_reason varchar,                -- range, vague, no_figure, ambiguous_currency,
                                            -- no_currency, no_unit, unreadable
    run_id varchar not null
);
