-- fct_date_mention: every date expression in the text, resolved against the publication date
-- or the narrative date the text has set (`anchor`).
-- Grain: one row per date expression (article × character span).
create table if not exists fct_date_mention (
    article_key bigint not null,
    published_date_key integer not null,
    surface_text varchar not null,
    start_char integer not null,
    end_char integer not null,
    sentence_index integer not null,
    detector varchar not null,              -- spacy | rule
    resolved_date date,                     -- first day of the period; null when unresolved
    resolved_date_key integer,
    resolution varchar,                     -- day, week, month, quarter, year, decade
    unresolved_reason varchar,              -- why resolved_date is null
    is_ambiguous boolean not null,
    run_id varchar not null,
    -- Added in version 5 (migrations/0005_fct_date_mention_range.sql), last so that a new
    -- warehouse and a migrated one have the same column order.
    resolved_start date,                    -- first day of the period (= resolved_date)
    resolved_end date,                      -- last day of the period: "last week" is 7 days
    anchor varchar                          -- absolute | publication | narrative; null when
                                            -- unresolved or loaded before version 5
);
