"""Column contracts between the pipeline's stages.

Each stage hands the next a Polars frame of exactly one of these schemas, so ingest,
NER, normalization and the loader can change independently.
"""

import polars as pl

# One record as read from the inbox, before any cleaning (ingest → transforms).
RAW_RECORD_SCHEMA: dict[str, pl.DataType] = {
    "file_path": pl.String(),  # inbox-relative, POSIX separators
    "record_number": pl.Int32(),  # 1-based position of the record in its file
    "file_format": pl.String(),  # seed_txt, txt, json, jsonl, json_array, csv, html (+ ".gz")
    "encoding": pl.String(),  # the decoding that succeeded, e.g. utf-8, utf-16, cp1252
    "title": pl.String(),
    "text": pl.String(),
    "published_raw": pl.String(),  # the publication time exactly as read
    "url": pl.String(),
    "source": pl.String(),
    "language": pl.String(),
    "raw_record": pl.String(),  # the whole record as read, as JSON text
}

# A record or file that could not be loaded, with its reason (any stage → quarantine).
QUARANTINE_SCHEMA: dict[str, pl.DataType] = {
    "file_path": pl.String(),
    "record_number": pl.Int32(),  # null when the whole file failed
    "reason_code": pl.String(),
    "detail": pl.String(),
    "raw_payload": pl.String(),  # the record's text when it could be read (capped)
}

# One named-entity span from spaCy, labels as spaCy gives them (NER → normalization).
NER_SPAN_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "start_char": pl.Int32(),
    "end_char": pl.Int32(),
    "surface_text": pl.String(),
    "label": pl.String(),
    "sentence_index": pl.Int32(),
}

# The tone of each sentence of the articles tone is scored for (nlp → transforms).
SENTENCE_TONE_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "sentence_index": pl.Int32(),  # spaCy's sentence, as in NER_SPAN_SCHEMA
    "start_char": pl.Int32(),
    "end_char": pl.Int32(),
    "tone": pl.Float64(),  # VADER's compound score, in [-1, 1]
    "scorer_version": pl.String(),
}


def empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """An empty frame of a contract schema."""
    return pl.DataFrame(schema=schema)

# Stored articles that share an id or a content hash with a batch (warehouse → transforms).
EXISTING_SCHEMA: dict[str, pl.DataType] = {"article_id": pl.String(), "content_hash": pl.String()}

# What backfill modes choose days by, per publication day (warehouse → transforms).
DAY_FACT_SCHEMA: dict[str, pl.DataType] = {
    "published_date": pl.Date(),
    "articles": pl.Int64(),  # dim_article rows of the day
    "orphan_articles": pl.Int64(),  # current raw articles placed on the day, not in the star
    "stale_articles": pl.Int64(),  # articles built by other versions
    "stale_versions": pl.String(),  # those versions, for the reason text
    "status": pl.String(),  # the recorded build: running | succeeded | failed | null
    "error": pl.String(),
}

# Articles, entity and date mentions in the star per day (warehouse → transforms).
DAY_TOTALS_SCHEMA: dict[str, pl.DataType] = {
    "published_date": pl.Date(),
    "articles": pl.Int64(),
    "entity_mentions": pl.Int64(),
    "date_mentions": pl.Int64(),
}
