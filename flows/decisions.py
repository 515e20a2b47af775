"""A batch's records decided against what the warehouse holds, by the run's record rules.

One pair of functions for the flows (nightly, backfill), and the versions and record rules
a run (or the report, judging days as a backfill would) builds with. Deciding assembles
stages, so it lives with the flows: transforms prepare the records, the warehouse reads what
it holds, transforms decide.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import duckdb
import polars as pl

from newsetl import __version__
from newsetl.ingest.batches import FileBatch
from newsetl.nlp.language import LanguageDetector
from newsetl.nlp.model import model_version
from newsetl.nlp.pool import UNDETERMINED_LANGUAGE
from newsetl.settings import Settings
from newsetl.transforms.articles.batch import (
    BatchDecision,
    RecordRules,
    decide_outcomes,
    prepare_records,
)
from newsetl.transforms.articles.language import undeclared, with_languages
from newsetl.transforms.rules_version import RULES_VERSION
from newsetl.warehouse.ledger import articles_from_files, stored_articles
from newsetl.warehouse.runs import RunVersions


def run_versions(settings: Settings) -> RunVersions:
    """The versions this code and model would record on a run."""
    return RunVersions(__version__, settings.spacy_model, model_version(settings.spacy_model),
                       RULES_VERSION)


def record_rules(settings: Settings, run_date: date) -> RecordRules:
    """The record rules of a run on `run_date`, from the settings."""
    return RecordRules(run_date=run_date, min_plausible_date=settings.min_plausible_date,
                       naive_timezone=settings.naive_timezone,
                       max_text_chars=settings.max_text_chars, date_order=settings.date_order)


def decide_against_warehouse(connection: duckdb.DuckDBPyConnection, files: FileBatch,
                             rules: RecordRules, in_flight: pl.DataFrame | None = None,
                             earlier_parts: pl.DataFrame | None = None,
                             detector: LanguageDetector | None = None) -> BatchDecision:
    """Prepare the batch's records and give each one its outcome.

    `in_flight` holds the identities of the previous batch, tagged but not yet loaded, so
    a record repeating one of them is judged as if that batch were already committed.
    `earlier_parts` are the outcomes of the earlier parts of a file split across batches.
    With a `detector`, the articles to load get their language (`with_article_languages`).
    Reads only; `connection` may be read-only.
    """
    prepared = prepare_records(files.records, rules)
    stored = stored_articles(connection, prepared.valid)
    if in_flight is not None:
        # In-flight rows come last: they are newer than what the warehouse holds for an id.
        stored = pl.concat([stored, in_flight])
    read_paths = files.files.filter(pl.col("read_status") == "read").get_column("file_path")
    earlier = articles_from_files(connection, read_paths.to_list())
    decision = decide_outcomes(prepared, files.rejects, stored, earlier, earlier_parts)
    if detector is None:
        return decision
    return replace(decision, to_load=with_article_languages(decision.to_load, detector))


def with_article_languages(articles: pl.DataFrame, detector: LanguageDetector) -> pl.DataFrame:
    """`articles` with their declared language normalized, else detected, and its source,
    grouped by language (stable) so each language's articles go to NER in whole chunks.

    Only the articles to load are detected (not unchanged or duplicate records), in the
    parent process while the workers tag the previous batch: ~1.7 CPU s per 1,000
    articles on lingua's own threads, models loaded on first use (docs/warehouse.md#cost).
    """
    if articles.is_empty():  # a rerun's: no language table built, no detector touched
        return articles.with_columns(pl.lit(None, pl.String()).alias("language_source"))
    languaged = with_languages(articles, detector.detect(undeclared(articles)))
    return languaged.sort(pl.col("language").fill_null(UNDETERMINED_LANGUAGE),
                          maintain_order=True)
