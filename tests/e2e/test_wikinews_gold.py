"""The 18 hand-annotated Wikinews articles (tests/data/gold/) through the real nightly flow:
the old news gold kept as a regression floor beside the GUM slice."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench.score_dates import load_date_gold
from bench.score_gold import score_warehouse
from bench.score_normalization import load_gold
from newsetl.flows.nightly import nightly

pytestmark = pytest.mark.slow

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"
# Measured at the commit that added this test: entity recall 0.880, precision 0.758,
# consistency 0.972, date day accuracy 0.923, resolved accuracy 0.943; at 418c392 (rules
# 2026.12.21): 0.904, 0.782, 0.979, 0.923, 0.943.
FLOORS = {
    "recall": 0.89,
    "precision": 0.765,
    "consistency": 0.95,
    "day_accuracy": 0.90,
    "resolved_accuracy": 0.92,
}


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory, prefect_api: None) -> dict[str, float]:
    root = tmp_path_factory.mktemp("wikinews-gold")
    (root / "inbox").mkdir()
    shutil.copy(GOLD / "wikinews_gold_articles.jsonl", root / "inbox" / "gold.jsonl")
    records = {}
    with (GOLD / "wikinews_gold_articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            records[record["url"]] = record
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSETL_NER_PROCESSES", "1")
        nightly(inbox=str(root / "inbox"), warehouse=str(root / "w.duckdb"))
    gold = load_gold(GOLD / "wikinews_gold.json")
    date_gold = load_date_gold(GOLD / "wikinews_dates_gold.json")
    found, _ = score_warehouse(root / "w.duckdb", gold, date_gold, records)
    return found


def test_every_gold_article_is_scored(figures: dict[str, float]) -> None:
    assert figures["gold_entities"] == 167
    assert figures["gold_day"] == 26


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_figure_stays_at_or_above_its_floor(figures: dict[str, float], measure: str) -> None:
    print(f"{measure}: {figures[measure]:.3f}")
    assert figures[measure] >= FLOORS[measure]
