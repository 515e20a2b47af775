-- fct_entity_mention: every named-entity mention in every current article.
-- Grain: one row per mention (article × character span).
create table if not exists fct_entity_mention (
    article_key bigint not null,
    entity_key bigint not null,
    published_date_key integer not null,
    surface_text varchar not null,
    mention_label varchar not null,         -- spaCy's label for this mention
    start_char integer not null,
    end_char integer not null,
    sentence_index integer not null,
    match_rule varchar not null,
    match_score double,
    run_id varchar not null
);
