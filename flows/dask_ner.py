"""NER on a Dask cluster: each chunk of a batch is a Prefect task (`tag_chunk`) submitted
through prefect-dask's `DaskTaskRunner`, so chunks show in the Prefect UI and Prefect owns
their retries, while the flow reads their spans through the same `PendingSpans` as the
local pool's.

A worker that dies mid-chunk costs that chunk again (Dask reschedules it, Prefect retries
it), never a duplicate row: spans come back to this one process, which keys and loads them
deterministically and idempotently.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture

from newsetl.nlp.large_chunks import large_chunks
from newsetl.nlp.pool import NerPool, PendingSpans
from newsetl.nlp.resident_model import tag_with_resident_model
from newsetl.nlp.tagging import SpanColumns
from newsetl.settings import Settings

if TYPE_CHECKING:
    from prefect.task_runners import TaskRunner
    from prefect_dask import DaskTaskRunner
    from prefect_dask.task_runners import PrefectDaskFuture

# prefect-dask (and distributed, ~1 s to import) is imported only by runs that use Dask.

CHUNK_SCHEMA = {"article_id": pl.String, "text": pl.String}


@task(name="tag_chunk", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=5)
def tag_chunk(chunk: pl.DataFrame, model_name: str, max_text_chars: int,
              batch_size: int) -> SpanColumns:
    """The entity spans of one chunk of articles (`article_id`, `text`), as plain columns,
    tagged on a Dask worker with the model that worker keeps loaded."""
    return tag_with_resident_model(chunk.rows(), model_name, max_text_chars, batch_size)


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


def _in_order(futures: list[PrefectFuture[SpanColumns]]) -> Iterator[SpanColumns]:
    """Each chunk's spans as it comes, in order, its future dropped once read."""
    while futures:
        yield futures.pop(0).result()


class DaskNer:
    """NER through `tag_chunk` tasks on the flow's DaskTaskRunner; same use as `NerPool`
    (a context manager for the run; `submit` returns at once)."""

    def __init__(self, model_name: str, batch_size: int, max_text_chars: int,
                 workers: int, chunk_articles: int) -> None:
        self._model_name = model_name
        self._batch_size = batch_size
        self._max_text_chars = max_text_chars
        self._workers = workers
        self._chunk_articles = chunk_articles
        self._submitted: list[PrefectDaskFuture[SpanColumns]] = []

    def __enter__(self) -> DaskNer:
        from prefect_dask import DaskTaskRunner

        context = FlowRunContext.get()
        if context is None or not isinstance(context.task_runner, DaskTaskRunner):
            raise RuntimeError(
                "NEWSETL_NER_EXECUTOR=dask needs the flow run with a DaskTaskRunner "
                "(`newsetl run` gives it one; the served deployments run NER locally)")
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc_info: object) -> None:
        if exc_type is not None:
            # A failed run does not leave chunks nobody will read busy on a shared cluster.
            for future in self._submitted:
                future.wrapped_future.cancel()
        self._submitted.clear()

    def submit(self, articles: Sequence[tuple[str, str]]) -> PendingSpans:
        """Start tagging (article_id, text) pairs in a few large chunks, one task each."""
        chunks = list(large_chunks(articles, self._workers, self._chunk_articles))
        # A chunk travels as a frame: one Arrow buffer to pickle, and opaque to Prefect,
        # which would otherwise walk every pair looking for futures.
        futures = [tag_chunk.submit(pl.DataFrame(chunk, schema=CHUNK_SCHEMA, orient="row"),
                                    self._model_name, self._max_text_chars, self._batch_size)
                   for chunk in chunks]
        # Only unfinished chunks are kept: a Dask future held keeps its result on a worker.
        self._submitted = [*(f for f in self._submitted if not f.wrapped_future.done()),
                           *futures]
        return PendingSpans([len(chunk) for chunk in chunks], _in_order(list(futures)))


def ner_tagger(settings: Settings) -> NerPool | DaskNer:
    """The run's NER, as `NEWSETL_NER_EXECUTOR` chooses."""
    if settings.ner_executor == "dask":
        return DaskNer(settings.spacy_model, settings.ner_batch_size, settings.max_text_chars,
                       settings.dask_workers, settings.dask_chunk_articles)
    return NerPool(settings.spacy_model, settings.ner_processes, settings.ner_batch_size,
                   settings.max_text_chars)
