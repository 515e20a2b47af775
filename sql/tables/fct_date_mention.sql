-- fct_date_mention: every date expression in the text, resolved against the publication date.
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
    run_id varchar not null
);
