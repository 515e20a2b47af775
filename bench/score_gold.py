"""Run the real pipeline on the 18 gold articles and score entities and dates.

    uv run --extra test python bench/score_gold.py
    uv run --extra test python bench/score_gold.py --misses --keep

Builds an inbox (one JSON Lines file of the gold articles' corpus records), runs
`newsetl run` into a temporary warehouse, and prints entity recall, precision and
cross-article consistency (`score_normalization.py`) and date accuracy (`score_dates.py`)
beside the raw-spaCy baselines: spaCy surface forms as entities, spaCy DATE spans placed
by dateparser. `--warehouse FILE` scores an existing warehouse instead of running.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_dates import (
    DATES_GOLD,
    dateparser_baseline,
    load_date_gold,
    misses,
    score_dates,
    warehouse_dates,
)
from score_normalization import (
    CORPUS,
    GOLD,
    load_gold,
    predictions_from_raw_spans,
    predictions_from_warehouse,
    run_spacy,
    score,
)

COLUMNS = (
    ("recall", "entity recall"),
    ("precision", "entity precision"),
    ("consistency", "consistency"),
    ("day_accuracy", "date day accuracy"),
    ("resolved_accuracy", "date resolved accuracy"),
    ("date_recall", "date recall"),
    ("not_in_gold", "dates not in gold"),
)


def corpus_records(corpus: Path, urls: set[str]) -> dict[str, dict]:
    """The corpus records of `urls`, by url (the first record of a url wins)."""
    records: dict[str, dict] = {}
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("url") in urls and record["url"] not in records:
                records[record["url"]] = record
    missing = urls - records.keys()
    if missing:
        raise SystemExit(f"not in {corpus}: {sorted(missing)}")
    return records


def write_inbox(records: dict[str, dict], inbox: Path) -> None:
    """The records as one JSON Lines file, as the corpus gives them (url, date, text...)."""
    inbox.mkdir(parents=True, exist_ok=True)
    with (inbox / "gold_articles.jsonl").open("w", encoding="utf-8") as out:
        for record in records.values():
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_pipeline(inbox: Path, warehouse: Path) -> None:
    """`newsetl run` as a subprocess (the console script next to this interpreter)."""
    beside = Path(sys.executable).with_name("newsetl")
    command = str(beside) if beside.exists() else shutil.which("newsetl")
    if command is None:
        raise SystemExit("newsetl is not installed in this environment")
    env = {**os.environ, "NEWSETL_NER_PROCESSES": os.environ.get("NEWSETL_NER_PROCESSES", "1")}
    argv = [command, "run", "--inbox", str(inbox), "--warehouse", str(warehouse)]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise SystemExit(f"newsetl run failed with exit code {done.returncode}")


def score_warehouse(
    warehouse: Path, gold: list[dict], date_gold: list[dict], records: dict[str, dict]
) -> tuple[dict[str, float], list[str]]:
    figures = score(gold, predictions_from_warehouse(warehouse))
    predictions, texts, published = warehouse_dates(warehouse)
    for url, record in records.items():
        if str(published.get(url)) != record["date"]:
            print(f"warning: {url} published {published.get(url)} in the warehouse, "
                  f"{record['date']} in the corpus")  # fmt: skip
    dates = score_dates(date_gold, predictions, texts)
    dates["date_recall"] = dates.pop("recall")
    figures.update(dates)
    return figures, misses(date_gold, predictions, texts)


def score_baseline(
    gold: list[dict], date_gold: list[dict], records: dict[str, dict], corpus: Path
) -> tuple[dict[str, float], list[str]]:
    spans, urls = run_spacy(gold, corpus)
    figures = score(gold, predictions_from_raw_spans(spans, urls))
    date_spans = spans.filter(pl.col("label") == "DATE").select(
        url=pl.col("article_id").replace_strict(urls, return_dtype=pl.String()),
        surface_text="surface_text",
        start_char="start_char",
        end_char="end_char",
    )
    published = {url: date.fromisoformat(record["date"]) for url, record in records.items()}
    texts = {url: record["text"] for url, record in records.items()}
    predictions = dateparser_baseline(date_spans, published)
    dates = score_dates(date_gold, predictions, texts)
    dates["date_recall"] = dates.pop("recall")
    figures.update(dates)
    return figures, misses(date_gold, predictions, texts)


def print_table(rows: dict[str, dict[str, float]]) -> None:
    width = max(map(len, rows))
    print(" " * width + "".join(f"  {label:>{len(label)}}" for _, label in COLUMNS))
    for title, figures in rows.items():
        cells = "".join(f"  {figures[key]:>{len(label)}.3f}" for key, label in COLUMNS)
        print(f"{title:<{width}}{cells}")
    counts = next(iter(rows.values()))
    print(f"(gold: {counts['gold_entities']:.0f} entities, {counts['gold_dates']:.0f} dates, "
          f"{counts['gold_day']:.0f} at day resolution)")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, help="score this warehouse, do not run")
    parser.add_argument("--keep", action="store_true", help="keep the inbox and warehouse")
    parser.add_argument("--no-baseline", action="store_true", help="skip the spaCy baselines")
    parser.add_argument("--misses", action="store_true", help="list date misses and extras")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--dates-gold", type=Path, default=DATES_GOLD)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    gold, date_gold = load_gold(args.gold), load_date_gold(args.dates_gold)
    if {a["url"] for a in gold} != {a["url"] for a in date_gold}:
        raise SystemExit("entity and date gold name different articles")
    records = corpus_records(args.corpus, {a["url"] for a in gold})
    rows: dict[str, dict[str, float]] = {}
    listings: dict[str, list[str]] = {}
    if not args.no_baseline:
        rows["raw spaCy (+dateparser)"], listings["baseline"] = score_baseline(
            gold, date_gold, records, args.corpus
        )
    workdir = Path(tempfile.mkdtemp(prefix="newsetl-gold-"))
    try:
        warehouse = args.warehouse
        if warehouse is None:
            warehouse = workdir / "gold.duckdb"
            write_inbox(records, workdir / "inbox")
            run_pipeline(workdir / "inbox", warehouse)
        rows["newsetl warehouse"], listings["newsetl"] = score_warehouse(
            warehouse, gold, date_gold, records
        )
    finally:
        if args.keep:
            print(f"inbox and warehouse kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print_table(rows)
    if args.misses:
        for title, lines in listings.items():
            print(f"\n{title}:\n" + "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
