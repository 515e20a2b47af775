-- fct_article_tone: the lexicon tone of each English article, from its sentences' tone.
-- Grain: one row per article whose sentences were scored (English articles that NER tagged;
-- other languages have no row). What the score measures and not: docs/warehouse.md#tone.
create table if not exists fct_article_tone (
    article_key bigint not null,
    published_date_key integer not null,
    tone double not null,                   -- mean VADER compound of its sentences, in [-1, 1]
    sentence_count integer not null,        -- sentences scored (fct_sentence_tone rows)
    positive_share double not null,         -- of those, the share with tone >= 0.05
    negative_share double not null,         -- and with tone <= -0.05 (the rest are neutral)
    scorer_version varchar not null,        -- e.g. vadersentiment-3.3.2
    run_id varchar not null
);
