-- fct_sentence_tone: the lexicon tone of each sentence of each English article.
-- Grain: one row per sentence with words (article × sentence_index); sentence_index is
-- spaCy's sentence, the same as fct_entity_mention.sentence_index and
-- fct_date_mention.sentence_index, so a mention finds the tone of its sentence.
create table if not exists fct_sentence_tone (
    article_key bigint not null,
    published_date_key integer not null,
    sentence_index integer not null,
    start_char integer not null,            -- offsets into dim_article.text
    end_char integer not null,
    tone double not null,                   -- VADER compound score, in [-1, 1]
    run_id varchar not null
);
