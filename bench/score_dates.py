"""Score date mentions against the hand-written gold dates in tests/data/gold/.

    uv run --extra test python bench/score_dates.py --warehouse data/newsetl.duckdb

Prints day accuracy (gold day-resolution dates found with the same resolved date at
resolution `day`), recall of all gold date expressions and the share of predicted mentions
that are no gold date (see README.md in this folder). `bench/score_gold.py` runs the
pipeline on the gold articles and prints these beside the spaCy + dateparser baseline.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
DATES_GOLD = ROOT / "tests/data/gold/wikinews_dates_gold.json"
DATE_PREDICTION_SCHEMA: dict[str, pl.DataType] = {
    "url": pl.String(),
    "surface_text": pl.String(),
    "start_char": pl.Int32(),
    "end_char": pl.Int32(),
    "resolved_date": pl.Date(),
    "resolution": pl.String(),
}


def load_date_gold(path: Path = DATES_GOLD) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["articles"]


def _pattern(surface: str) -> re.Pattern:
    words = r"\s+".join(re.escape(word) for word in surface.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def locate(text: str, surfaces: list[str]) -> list[tuple[int, int] | None]:
    """Character spans of the gold surfaces in `text` (listed in text order): whole words,
    case-insensitive, any whitespace; longer surfaces are placed first and a span is never
    reused, so `2007` and `the end of 2007` get different places. None: not in the text."""
    spans: list[tuple[int, int] | None] = [None] * len(surfaces)
    taken: list[tuple[int, int]] = []
    for index in sorted(range(len(surfaces)), key=lambda i: -len(surfaces[i])):
        for match in _pattern(surfaces[index]).finditer(text):
            if all(match.end() <= start or end <= match.start() for start, end in taken):
                spans[index] = match.span()
                taken.append(match.span())
                break
    return spans


def _same_words(a: str, b: str) -> bool:
    """Text overlap without offsets: one surface contains the other (case-insensitive)."""
    a, b = " ".join(a.casefold().split()), " ".join(b.casefold().split())
    return bool(a and b) and (a in b or b in a)


def match_article(items: list[dict], text: str | None, rows: list[tuple]) -> list[list[tuple]]:
    """For each gold item, the predicted rows (DATE_PREDICTION_SCHEMA order) that overlap its
    span in `text`; a surface not found in the text falls back to text overlap."""
    spans = locate(text, [item["surface"] for item in items]) if text else [None] * len(items)
    matched = []
    for item, span in zip(items, spans, strict=True):
        if span is None:
            matched.append([row for row in rows if _same_words(item["surface"], row[1])])
        else:
            matched.append([row for row in rows if row[2] < span[1] and span[0] < row[3]])
    return matched


def _is_correct(item: dict, rows: list[tuple]) -> bool:
    wanted = date.fromisoformat(item["resolved_date"]) if item["resolved_date"] else None
    return any(row[4] == wanted and row[5] == item["resolution"] for row in rows)


def judged(
    gold: list[dict], predictions: pl.DataFrame, texts: dict[str, str]
) -> tuple[list[tuple[dict, dict, list[tuple]]], list[tuple]]:
    """(article, gold item, overlapping predicted rows) for every gold date, and the
    predicted rows of gold articles that overlap no gold date."""
    frame = predictions.select(
        pl.col(name).cast(dtype) for name, dtype in DATE_PREDICTION_SCHEMA.items()
    )
    by_url: dict[str, list[tuple]] = {}
    for row in frame.iter_rows():
        by_url.setdefault(row[0], []).append(row)
    results, outside = [], []
    for article in gold:
        rows = by_url.get(article["url"], [])
        matched = match_article(article["dates"], texts.get(article["url"]), rows)
        results += [
            (article, item, found) for item, found in zip(article["dates"], matched, strict=True)
        ]
        in_gold = {row for found in matched for row in found}
        outside += [row for row in rows if row not in in_gold]
    return results, outside


def score_dates(
    gold: list[dict], predictions: pl.DataFrame, texts: dict[str, str]
) -> dict[str, float]:
    """Day accuracy, resolved accuracy (all gold dates with a value, same date and
    resolution), recall of all gold expressions, predicted mentions outside gold."""
    results, outside = judged(gold, predictions, texts)
    day = [found for _, item, found in results if item["resolution"] == "day"]
    day_ok = sum(_is_correct(item, found) for _, item, found in results
                 if item["resolution"] == "day")  # fmt: skip
    resolved = [(item, found) for _, item, found in results if item["resolved_date"]]
    predicted = len(outside) + len({row for _, _, found in results for row in found})
    share = lambda part, whole: part / whole if whole else 0.0  # noqa: E731
    return {
        "day_accuracy": share(day_ok, len(day)),
        "resolved_accuracy": share(sum(_is_correct(*pair) for pair in resolved), len(resolved)),
        "recall": share(sum(bool(found) for _, _, found in results), len(results)),
        "not_in_gold": share(len(outside), predicted),
        "gold_day": float(len(day)),
        "gold_dates": float(len(results)),
        "predicted": float(predicted),
    }


def misses(gold: list[dict], predictions: pl.DataFrame, texts: dict[str, str]) -> list[str]:
    """Gold dates not resolved right (what was predicted instead), then predicted mentions
    that are no gold date."""
    results, outside = judged(gold, predictions, texts)
    lines = []
    for article, item, found in results:
        unplaced = item["resolved_date"] is None
        if (unplaced and not found) or (not unplaced and not _is_correct(item, found)):
            said = ", ".join(f"{r[1]!r} {r[4]} {r[5]}" for r in found) or "not found"
            wanted = f"{item['resolved_date']} {item['resolution']}"
            lines.append(f"miss  {article['id']} {item['surface']!r} = {wanted}: {said}")
    ids = {article["url"]: article["id"] for article in gold}
    lines += [f"extra {ids[row[0]]} {row[1]!r} {row[4]} {row[5]}" for row in outside]
    return lines


def warehouse_dates(path: Path) -> tuple[pl.DataFrame, dict[str, str], dict[str, date]]:
    """fct_date_mention by article url; the articles' cleaned texts and publication dates."""
    import duckdb

    mentions = """
        select a.url, m.surface_text, m.start_char, m.end_char, m.resolved_date, m.resolution
        from fct_date_mention as m join dim_article as a on a.article_key = m.article_key
    """
    with duckdb.connect(str(path), read_only=True) as connection:
        predictions = connection.sql(mentions).pl()
        articles = connection.sql("select url, text, published_date from dim_article").fetchall()
    texts = {url: text for url, text, _ in articles}
    published = {url: day for url, _, day in articles}
    return predictions, texts, published


def period_start(day: date, period: str | None) -> tuple[date, str]:
    """The baseline's value as first day of its period (dateparser's `time` is a day)."""
    if period == "week":
        return day - timedelta(days=day.weekday()), "week"
    if period == "month":
        return day.replace(day=1), "month"
    if period == "year":
        return day.replace(month=1, day=1), "year"
    return day, "day"


def dateparser_baseline(spans: pl.DataFrame, published: dict[str, date]) -> pl.DataFrame:
    """Baseline: spaCy DATE spans (`url`, `surface_text`, `start_char`, `end_char`) placed
    by dateparser relative to the publication date, preferring the past."""
    from dateparser.date import DateDataParser

    parsers: dict[date, DateDataParser] = {}
    rows = []
    for url, surface, start, end in spans.select(list(DATE_PREDICTION_SCHEMA)[:4]).iter_rows():
        day = published[url]
        if day not in parsers:
            base = datetime(day.year, day.month, day.day)
            settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
            parsers[day] = DateDataParser(settings=settings)
        data = parsers[day].get_date_data(surface)
        value, resolution = (None, None)
        if data.date_obj is not None:
            value, resolution = period_start(data.date_obj.date(), data.period)
        rows.append((url, surface, start, end, value, resolution))
    return pl.DataFrame(rows, schema=DATE_PREDICTION_SCHEMA, orient="row")


def print_dates(title: str, figures: dict[str, float]) -> None:
    print(
        f"{title:<22} day accuracy {figures['day_accuracy']:.3f}  "
        f"resolved accuracy {figures['resolved_accuracy']:.3f}  recall {figures['recall']:.3f}  "
        f"not in gold {figures['not_in_gold']:.3f}  (gold {figures['gold_dates']:.0f}, "
        f"day {figures['gold_day']:.0f}, predicted {figures['predicted']:.0f})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--gold", type=Path, default=DATES_GOLD)
    parser.add_argument("--misses", action="store_true", help="list day dates not resolved")
    args = parser.parse_args(argv)
    gold = load_date_gold(args.gold)
    predictions, texts, _ = warehouse_dates(args.warehouse)
    print_dates("warehouse", score_dates(gold, predictions, texts))
    if args.misses:
        print("\n".join(misses(gold, predictions, texts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
