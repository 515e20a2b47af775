"""NER on a Dask cluster: each chunk of a batch is a Prefect task (`tag_chunk`) submitted
through prefect-dask's `DaskTaskRunner`, so chunks show in the Prefect UI and Prefect owns
their retries, while the flow reads their spans through the same `PendingSpans` as the
local pool's.

A worker that dies mid-chunk costs that chunk again (Dask reschedules it, Prefect retries
it), never a duplicate row: spans come back to this one process, which keys and loads them
deterministically and idempotently.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import groupby
from typing import TYPE_CHECKING

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture

from newsetl.nlp.large_chunks import large_chunks
from newsetl.nlp.pool import UNDETERMINED_LANGUAGE, UNTAGGED, NerPool, PendingSpans
from newsetl.nlp.resident_model import tag_with_resident_models
from newsetl.nlp.tagging import Tagged
from newsetl.settings import Settings

if TYPE_CHECKING:
    from prefect.task_runners import TaskRunner
    from prefect_dask import DaskTaskRunner
    from prefect_dask.task_runners import PrefectDaskFuture

# prefect-dask (and distributed, ~1 s to import) is imported only by runs that use Dask.

CHUNK_SCHEMA = {"article_id": pl.String, "text": pl.String}


@task(name="tag_chunk", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=5)
def tag_chunk(chunk: pl.DataFrame, models: dict[str, str], language: str,
              max_text_chars: int, batch_size: int) -> Tagged:
    """The entity spans (and, in English, sentence tones) of one chunk of articles
    (`article_id`, `text`) in `language`, as plain columns, tagged on a Dask worker with the
    models that worker keeps loaded."""
    return tag_with_resident_models(chunk.rows(), models, language, max_text_chars,
                                    batch_size)


def dask_task_runner(settings: Settings) -> DaskTaskRunner:
    """The flow's task runner for `NEWSETL_NER_EXECUTOR=dask`: the scheduler at
    `NEWSETL_DASK_ADDRESS`, or a LocalCluster of `NEWSETL_DASK_WORKERS` worker processes
    with one thread each (spaCy is not faster with more threads per process)."""
    from prefect_dask import DaskTaskRunner

    if settings.dask_address:
        return DaskTaskRunner(address=settings.dask_address)
    return DaskTaskRunner(
        cluster_class="distributed.LocalCluster",
        cluster_kwargs={"n_workers": settings.dask_workers, "threads_per_worker": 1,
                        "processes": True, "dashboard_address": ":0"},
    )


def task_runner_for(settings: Settings) -> TaskRunner | None:
    """The task runner a run with these settings needs (None: the flow's own)."""
    return dask_task_runner(settings) if settings.ner_executor == "dask" else None


def _in_order(futures: list[PrefectFuture[Tagged] | None]) -> Iterator[Tagged]:
    """Each chunk's spans as it comes, in order, its future dropped once read (None: a run
    of articles in a language with no model, never sent)."""
    while futures:
        future = futures.pop(0)
        yield UNTAGGED if future is None else future.result()


class DaskNer:
    """NER through `tag_chunk` tasks on the flow's DaskTaskRunner; same use as `NerPool`
    (a context manager for the run; `submit` returns at once)."""

    def __init__(self, models: str | Mapping[str, str], batch_size: int, max_text_chars: int,
                 workers: int, chunk_articles: int) -> None:
        self._models = {"en": models} if isinstance(models, str) else dict(models)
        self._batch_size = batch_size
        self._max_text_chars = max_text_chars
        self._workers = workers
        self._chunk_articles = chunk_articles
        self._submitted: list[PrefectDaskFuture[Tagged]] = []

    def __enter__(self) -> DaskNer:
        from prefect_dask import DaskTaskRunner

        context = FlowRunContext.get()
        if context is None or not isinstance(context.task_runner, DaskTaskRunner):
            raise RuntimeError(
                "NEWSETL_NER_EXECUTOR=dask needs the flow run with a DaskTaskRunner: start "
                "the flow from `nightly_flow`/`backfill_flow` (as `newsetl run` and "
                "`backfill` do) or the entrypoints in `newsetl.flows.deployed` (as "
                "`newsetl serve` and prefect.yaml do)")
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc_info: object) -> None:
        if exc_type is not None:
            # A failed run does not leave chunks nobody will read busy on a shared cluster.
            for future in self._submitted:
                future.wrapped_future.cancel()
        self._submitted.clear()

    def submit(self, articles: Sequence[tuple[str, str]],
               languages: Sequence[str | None] | None = None) -> PendingSpans:
        """Start tagging (article_id, text) pairs in a few large chunks of one language
        each, one task per chunk (`languages`: one per article; default all English)."""
        if languages is None:
            languages = [UNDETERMINED_LANGUAGE] * len(articles)
        sizes: list[int] = []
        tagged: list[bool] = []
        futures: list[PrefectDaskFuture[Tagged] | None] = []
        start = 0
        for language, run in groupby(language or UNDETERMINED_LANGUAGE for language in languages):
            stop = start + len(list(run))
            same_language, start = articles[start:stop], stop
            if language not in self._models:
                sizes.append(len(same_language))
                tagged.append(False)
                futures.append(None)
                continue
            for chunk in large_chunks(same_language, self._workers, self._chunk_articles):
                # A chunk travels as a frame: one Arrow buffer to pickle, and opaque to
                # Prefect, which would otherwise walk every pair looking for futures.
                sizes.append(len(chunk))
                tagged.append(True)
                futures.append(tag_chunk.submit(
                    pl.DataFrame(chunk, schema=CHUNK_SCHEMA, orient="row"), self._models,
                    language, self._max_text_chars, self._batch_size))
        # Only unfinished chunks are kept: a Dask future held keeps its result on a worker.
        self._submitted = [*(f for f in self._submitted if not f.wrapped_future.done()),
                           *(f for f in futures if f is not None)]
        return PendingSpans(sizes, _in_order(futures), tagged)


# What a run tags with: the local process pool or tasks on Dask (same use).
NerTagger = NerPool | DaskNer


def ner_tagger(settings: Settings) -> NerTagger:
    """The run's NER, as `NEWSETL_NER_EXECUTOR` chooses."""
    if settings.ner_executor == "dask":
        return DaskNer(settings.resolved_ner_models, settings.ner_batch_size,
                       settings.max_text_chars, settings.dask_workers,
                       settings.dask_chunk_articles)
    return NerPool(settings.resolved_ner_models, settings.ner_processes,
                   settings.ner_batch_size, settings.max_text_chars)
