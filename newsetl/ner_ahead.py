"""What the nightly flow's first batch will send to NER, worked out before the flow starts.

`newsetl run` starts the NER workers while Prefect's temporary server starts (seconds
here, during which the workers, once their model is loaded, would have nothing to do).
Given the articles the flow's first batch will most likely tag, they tag them at once, and
the flow's own `submit` of the same (article_id, text) pairs takes those spans
(`newsetl.nlp.prestart`). The guess reads and decides the first batch exactly as the
flow will (same functions, same settings, the same reads of the warehouse through a
read-only connection; as if it held none of the articles when there is no warehouse yet).
Where it is wrong (another writer committed in between), the flow simply tags what it
needs, and the guess cost the workers one batch. Nothing here writes anything.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import polars as pl

from newsetl.flows.decisions import decide_against_warehouse
from newsetl.ingest.batches import FileBatch, ReadLimits, read_in_batches, split_unchanged
from newsetl.ingest.discovery import InboxEntry, discover
from newsetl.settings import Settings
from newsetl.transforms.articles.batch import RecordRules, decide_outcomes, prepare_records
from newsetl.transforms.schemas import EXISTING_SCHEMA
from newsetl.warehouse.ledger import ARTICLE_FILE_SCHEMA, file_states
from newsetl.warehouse.lock import WriterBusyError, writer_lock

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FirstBatch:
    """What the nightly flow's first batch would send to NER."""

    articles: list[tuple[str, str]]  # (article_id, text)
    tags_nothing: bool  # it sends nothing and no batch follows: the run needs no NER at all


def first_batch_articles(settings: Settings, to_read: Sequence[InboxEntry], rules: RecordRules,
                         warehouse: duckdb.DuckDBPyConnection | None = None) -> FirstBatch:
    """The first batch of `to_read` decided against `warehouse` (a connection to it; None
    when there is no warehouse)."""
    batches = read_in_batches(
        to_read, [],
        limits=ReadLimits.from_settings(settings),
        quarantine_dir=None, batch_records=settings.load_batch_articles)
    try:
        first = next(batches, None)
        if first is None:
            return FirstBatch([], tags_nothing=True)
        articles = _to_tag(first, rules, warehouse)
        # Reading on is only worth it when it may spare the run the model.
        return FirstBatch(articles, tags_nothing=not articles and next(batches, None) is None)
    finally:
        batches.close()


def _to_tag(first: FileBatch, rules: RecordRules,
            warehouse: duckdb.DuckDBPyConnection | None) -> list[tuple[str, str]]:
    if warehouse is None:
        decision = decide_outcomes(prepare_records(first.records, rules), first.rejects,
                                   pl.DataFrame(schema=EXISTING_SCHEMA),
                                   pl.DataFrame(schema=ARTICLE_FILE_SCHEMA))
    else:
        decision = decide_against_warehouse(warehouse, first, rules)
    return decision.to_load.select("article_id", "text").rows()


def plan_ahead(settings: Settings, rules: RecordRules,
               reread: bool = False) -> list[tuple[str, str]] | None:
    """The run's NER input to tag ahead: None when the run will tag nothing (no file to
    read, or files whose articles are all stored or invalid, in one batch), so it needs no
    NER workers; else the first batch's articles (empty when no guess could be made).

    The same plan as the flow's (size and mtime against the ledger, unless `reread`), made
    early so the model loads while Prefect starts. The warehouse is read only under the
    writer lock, never blocking a writer: if one holds it, assume work and guess nothing.
    """
    to_read = [entry for entry in discover(settings.inbox) if entry.problem is None]
    if not to_read:
        return None
    if not settings.warehouse.exists():
        return []  # bench step: the look-ahead off (no guess), the workers still prestarted
    try:
        with (writer_lock(settings.warehouse, "newsetl run: inbox pre-check", 0),
              duckdb.connect(str(settings.warehouse), read_only=True) as connection):
            if not reread:
                to_read, _ = split_unchanged(to_read, file_states(connection))
                if not to_read:
                    return None
            return []  # bench step: the look-ahead off
    except (WriterBusyError, duckdb.Error):
        log.debug("warehouse not read before the run", exc_info=True)
        return []


def _guess(settings: Settings, to_read: Sequence[InboxEntry], rules: RecordRules,
           warehouse: duckdb.DuckDBPyConnection | None) -> list[tuple[str, str]] | None:
    try:
        first = first_batch_articles(settings, to_read, rules, warehouse)
    except Exception:  # only a guess: the flow reads the files again and records any error
        log.debug("first batch not tagged ahead", exc_info=True)
        return []
    return None if first.tags_nothing else first.articles
