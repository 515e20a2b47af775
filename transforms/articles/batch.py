"""One batch through the pure stages: records → articles and outcomes → star rows.

These compose the single-purpose transforms in the order the pipeline needs them; the flow
supplies what needs I/O (stored identities, NER spans, reference data) as frames.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from newsetl.transforms.amounts import AMOUNT_MENTION_SCHEMA, amount_mentions
from newsetl.transforms.articles.classification import classify_articles
from newsetl.transforms.articles.identity import with_identity
from newsetl.transforms.articles.text_cleaning import CLEANED_TEXT_COLUMNS, clean_records
from newsetl.transforms.articles.validation import split_valid
from newsetl.transforms.dates.mentions import (
    DATE_MENTION_SCHEMA,
    find_rule_date_mentions,
    merge_date_candidates,
    resolve_date_mentions,
)
from newsetl.transforms.dates.publication_time import with_publication_time
from newsetl.transforms.entities.common_words import mark_common_words
from newsetl.transforms.entities.context import read_spans_in_context
from newsetl.transforms.entities.cut_names import grow_cut_names
from newsetl.transforms.entities.inverted_names import add_inverted_names
from newsetl.transforms.entities.missed_places import add_missed_places
from newsetl.transforms.entities.normalize import (
    combine_resolved,
    entity_frames,
    resolve_mentions,
)
from newsetl.transforms.entities.reference import ReferenceData
from newsetl.transforms.entities.schemas import ResolvedMentions
from newsetl.transforms.ledger.rows import RECORD_OUTCOME_SCHEMA
from newsetl.transforms.metadata.columns import with_article_metadata
from newsetl.transforms.metadata.rows import author_rows, bridge_article_author_rows
from newsetl.transforms.schemas import QUARANTINE_SCHEMA, SENTENCE_TONE_SCHEMA
from newsetl.transforms.star_rows import (
    alias_rows,
    amount_mention_rows,
    article_entity_rows,
    article_rows,
    date_mention_rows,
    entity_mention_rows,
    entity_rows,
    place_rows,
    source_rows,
)
from newsetl.transforms.tone_rows import article_tone_rows, sentence_tone_rows

LOADED_OUTCOMES = ("new", "changed")


@dataclass(frozen=True)
class RecordRules:
    """The settings the record stages follow."""

    run_date: date
    min_plausible_date: date
    naive_timezone: str
    max_text_chars: int
    date_order: str | None = None


@dataclass
class PreparedRecords:
    """Cleaned, dated, identified records split into loadable and quarantined."""

    valid: pl.DataFrame
    rejected: pl.DataFrame  # QUARANTINE_SCHEMA


@dataclass
class BatchDecision:
    """What happens to each record of a batch."""

    to_load: pl.DataFrame  # new and changed articles
    retired: pl.DataFrame  # article_id, article_key, file_path: gone from their re-read file
    record_outcomes: pl.DataFrame  # RECORD_OUTCOME_SCHEMA, one row per record
    quarantine: pl.DataFrame  # QUARANTINE_SCHEMA rows found by the record stages
    # RECORD_OUTCOME_SCHEMA: `record_outcomes` plus those of earlier parts of a file split
    # across batches, so the file's counts cover all its records.
    file_outcomes: pl.DataFrame


@dataclass
class StarRows:
    """Star-schema rows of the articles being loaded."""

    dim_article: pl.DataFrame
    dim_source: pl.DataFrame
    dim_entity: pl.DataFrame
    dim_entity_alias: pl.DataFrame
    dim_place: pl.DataFrame
    fct_entity_mention: pl.DataFrame
    fct_article_entity: pl.DataFrame
    fct_date_mention: pl.DataFrame
    fct_amount_mention: pl.DataFrame
    dim_author: pl.DataFrame
    bridge_article_author: pl.DataFrame
    fct_article_tone: pl.DataFrame
    fct_sentence_tone: pl.DataFrame


def prepare_records(records: pl.DataFrame, rules: RecordRules) -> PreparedRecords:
    """Clean, date, identify and validate raw records (`RAW_RECORD_SCHEMA`)."""
    # The raw layer keeps the fields as read; the star is built from the cleaned ones.
    kept_raw = records.with_columns(
        pl.col(name).alias(f"raw_{name}") for name in CLEANED_TEXT_COLUMNS
    )
    dated = with_publication_time(
        clean_records(kept_raw),
        run_date=rules.run_date,
        min_date=rules.min_plausible_date,
        naive_timezone=rules.naive_timezone,
        date_order=rules.date_order,
    )
    valid, rejected = split_valid(dated, rules.max_text_chars)
    described = with_article_metadata(with_identity(valid), rules.naive_timezone,
                                      rules.date_order)
    return PreparedRecords(described, rejected)


def decide_outcomes(prepared: PreparedRecords, parse_rejects: pl.DataFrame,
                    stored: pl.DataFrame, from_read_files: pl.DataFrame,
                    earlier_parts: pl.DataFrame | None = None) -> BatchDecision:
    """Classify valid records against `stored` (`article_id`, `content_hash`) and give
    every record of the batch, rejected ones included, exactly one outcome.

    `from_read_files` (`article_id`, `article_key`, `file_path`) are the current articles
    that came from the files this batch re-read; a re-read file replaces what it loaded
    before, so those its new version no longer holds (validly) are retired.
    `earlier_parts` (RECORD_OUTCOME_SCHEMA) are the outcomes of the records a file split
    across batches had in earlier batches: still in the file, so never retired.
    """
    classified = classify_articles(prepared.valid, stored)
    conflicting = classified.filter(pl.col("outcome") == "conflicting_version")
    conflict_rows = conflicting.select(
        "file_path", "record_number", pl.lit("conflicting_version").alias("reason_code"),
        pl.lit("another record in this batch has the same identity and different content")
        .alias("detail"), pl.col("raw_record").str.slice(0, 4096).alias("raw_payload"),
    )
    record_rejects = parse_rejects.filter(pl.col("record_number").is_not_null())
    quarantine = pl.concat([
        prepared.rejected.cast(QUARANTINE_SCHEMA),  # type: ignore[arg-type]
        conflict_rows.cast(QUARANTINE_SCHEMA),  # type: ignore[arg-type]
    ])
    all_rejects = pl.concat([quarantine, record_rejects.select(list(QUARANTINE_SCHEMA))])
    quarantined_outcomes = all_rejects.select(
        "file_path", "record_number", pl.lit(None, pl.String).alias("article_id"),
        pl.lit(None, pl.String).alias("content_hash"), pl.lit("quarantined").alias("outcome"),
        pl.lit(None, pl.String).alias("duplicate_of_article_id"), "reason_code",
    )
    kept = classified.filter(pl.col("outcome") != "conflicting_version")
    outcomes = pl.concat([
        kept.select(*(name for name in RECORD_OUTCOME_SCHEMA if name != "reason_code"),
                    pl.lit(None, pl.String).alias("reason_code")).cast(RECORD_OUTCOME_SCHEMA),  # type: ignore[arg-type]
        quarantined_outcomes.cast(RECORD_OUTCOME_SCHEMA),  # type: ignore[arg-type]
    ]).sort("file_path", "record_number")
    if earlier_parts is None:
        earlier_parts = pl.DataFrame(schema=RECORD_OUTCOME_SCHEMA)
    still_there = pl.concat([
        kept.select("article_id"),
        earlier_parts.filter(pl.col("outcome") != "quarantined").select("article_id"),
    ])
    return BatchDecision(
        to_load=kept.filter(pl.col("outcome").is_in(LOADED_OUTCOMES)),
        retired=from_read_files.join(still_there, on="article_id", how="anti")
        .unique("article_id", keep="first", maintain_order=True),
        record_outcomes=outcomes,
        quarantine=quarantine,
        file_outcomes=pl.concat([earlier_parts.cast(RECORD_OUTCOME_SCHEMA), outcomes]),  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class ArticleMentions:
    """Entity and date mentions of some articles, each found from its own text and spans."""

    entities: ResolvedMentions
    dates: pl.DataFrame  # DATE_MENTION_SCHEMA, in article and text order
    amounts: pl.DataFrame = field(  # AMOUNT_MENTION_SCHEMA, in span order
        default_factory=lambda: pl.DataFrame(schema=AMOUNT_MENTION_SCHEMA))
    # SENTENCE_TONE_SCHEMA: the sentences' tone, scored beside NER (English articles only)
    sentence_tones: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema=SENTENCE_TONE_SCHEMA))


def find_mentions(articles: pl.DataFrame, spans: pl.DataFrame, reference: ReferenceData,
                  date_order: str | None = None,
                  sentence_tones: pl.DataFrame | None = None) -> ArticleMentions:
    """The mentions of `articles` (identified, with `text`) from their NER spans, and the
    tone of their sentences (`sentence_tones`, kept as given).

    Only for articles NER tagged: the date rules are English, like the model; articles in a
    language without a model are never passed here and get no mentions.

    Per article only: a batch's articles may go a few at a time, as NER returns them, and
    `combine_mentions` joins the parts into what the whole batch at once would give.
    """
    spacy_dates = spans.filter(pl.col("label") == "DATE").select(
        "article_id", "surface_text", "start_char", "end_char", "sentence_index",
        pl.lit("spacy").alias("detector"),
    )
    candidates = merge_date_candidates(spacy_dates, find_rule_date_mentions(articles))
    dates = resolve_date_mentions(
        candidates, articles.select("article_id", "published_date", "text"), date_order=date_order
    )
    return ArticleMentions(
        entities=resolve_mentions(
            mark_common_words(
                add_inverted_names(
                    add_missed_places(
                        grow_cut_names(
                            read_spans_in_context(spans.filter(pl.col("label") != "DATE"),
                                                  articles.select("article_id", "text")),
                            articles.select("article_id", "text"), reference),
                        articles.select("article_id", "text"), reference),
                    articles.select("article_id", "text"), reference),
                articles.select("article_id", "text"), reference.common_words),
            reference,
            dict(zip(articles["article_id"], articles["published_date"], strict=True)),
        ),
        dates=dates,
        amounts=amount_mentions(spans, articles),
        sentence_tones=(pl.DataFrame(schema=SENTENCE_TONE_SCHEMA) if sentence_tones is None
                        else sentence_tones),
    )


def combine_mentions(parts: Iterable[ArticleMentions]) -> ArticleMentions:
    """The mentions of several disjoint sets of articles, as one."""
    parts = list(parts)
    dates = [part.dates for part in parts] or [pl.DataFrame(schema=DATE_MENTION_SCHEMA)]
    tones = [part.sentence_tones for part in parts]
    return ArticleMentions(
        entities=combine_resolved([part.entities for part in parts]),
        dates=pl.concat(dates).sort("article_id", "start_char", "end_char",
                                    maintain_order=True),
        amounts=pl.concat([part.amounts for part in parts]
                          or [pl.DataFrame(schema=AMOUNT_MENTION_SCHEMA)]),
        sentence_tones=pl.concat([pl.DataFrame(schema=SENTENCE_TONE_SCHEMA), *tones]),
    )


def star_rows(articles: pl.DataFrame, mentions: ArticleMentions, run_id: str) -> StarRows:
    """Star rows of `articles` (identified, with `text`) from all their mentions."""
    entities = entity_frames(mentions.entities)
    entity_mentions = entity_mention_rows(entities.mentions, articles, run_id)
    article_authors = bridge_article_author_rows(articles, run_id)
    return StarRows(
        dim_article=article_rows(articles, run_id),
        dim_source=source_rows(articles, run_id),
        dim_entity=entity_rows(entities.entities, run_id),
        dim_entity_alias=alias_rows(entities.aliases, run_id),
        dim_place=place_rows(entities.places, run_id),
        fct_entity_mention=entity_mentions,
        fct_article_entity=article_entity_rows(entity_mentions),
        fct_date_mention=date_mention_rows(mentions.dates, articles, run_id),
        fct_amount_mention=amount_mention_rows(mentions.amounts, articles, run_id),
        dim_author=author_rows(article_authors),
        bridge_article_author=article_authors,
        fct_article_tone=article_tone_rows(mentions.sentence_tones, articles, run_id),
        fct_sentence_tone=sentence_tone_rows(mentions.sentence_tones, articles, run_id),
    )


def build_star(articles: pl.DataFrame, spans: pl.DataFrame, reference: ReferenceData,
               run_id: str, date_order: str | None = None,
               sentence_tones: pl.DataFrame | None = None) -> StarRows:
    """Star rows of `articles` (identified, with `text`) from their NER spans."""
    return star_rows(articles, find_mentions(articles, spans, reference, date_order,
                                             sentence_tones), run_id)
