"""What the nightly flow's first batch will send to NER, worked out before the flow starts.

`newsetl run` starts the NER workers while Prefect's temporary server starts (seconds
here, during which the workers, once their model is loaded, would have nothing to do).
Given the articles the flow's first batch will most likely tag, they tag them at once, and
the flow's own `submit` of the same (article_id, text) pairs takes those spans
(`newsetl.nlp.prestart`). The guess reads and decides the first batch exactly as the
flow will (same functions, same settings) but as if the warehouse held none of its
articles: where it is wrong (an article already stored), the flow simply tags what it
needs, and the guess cost the workers one batch. Nothing here writes anything.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from newsetl.ingest.batches import ReadLimits, read_in_batches
from newsetl.ingest.discovery import InboxEntry
from newsetl.settings import Settings
from newsetl.transforms.article_batch import RecordRules, decide_outcomes, prepare_records
from newsetl.transforms.article_classification import EXISTING_SCHEMA

_FROM_READ_FILES_SCHEMA = {"article_id": pl.String(), "article_key": pl.Int64(),
                           "file_path": pl.String()}


def first_batch_articles(settings: Settings, to_read: Sequence[InboxEntry],
                         rules: RecordRules) -> list[tuple[str, str]]:
    """(article_id, text) the nightly flow's first batch of `to_read` would send to NER."""
    batches = read_in_batches(
        to_read, [],
        limits=ReadLimits(settings.max_file_bytes, settings.max_decompressed_bytes),
        quarantine_dir=None, batch_records=settings.load_batch_articles)
    first = next(batches, None)
    batches.close()
    if first is None:
        return []
    decision = decide_outcomes(prepare_records(first.records, rules), first.rejects,
                               pl.DataFrame(schema=EXISTING_SCHEMA),
                               pl.DataFrame(schema=_FROM_READ_FILES_SCHEMA))
    return decision.to_load.select("article_id", "text").rows()

