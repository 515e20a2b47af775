"""Each publication day's state for the report (transforms.ledger.partition_status): the
first backfill mode that would select it, else built."""

from __future__ import annotations

from datetime import date

import polars as pl

from newsetl.transforms.ledger.partition_status import day_status, state_counts
from newsetl.transforms.schemas import DAY_FACT_SCHEMA

# published_date, articles, orphan_articles, stale_articles, stale_versions, status, error
FACTS = pl.DataFrame([
    (date(2024, 3, 1), 4, 0, 0, None, "succeeded", None),
    (date(2024, 3, 2), 0, 3, 0, None, None, None),
    (date(2024, 3, 3), 2, 0, 2, "newsetl 0.0.9, model ?, rules ?", "failed", "disk full"),
    (date(2024, 3, 4), 5, 0, 5, "newsetl 0.0.9, model ?, rules ?", "succeeded", None),
    (date(2024, 3, 5), 6, 1, 0, None, "succeeded", None),
], schema=DAY_FACT_SCHEMA, orient="row")


def test_a_day_takes_the_first_mode_that_selects_it():
    states = day_status(FACTS)
    assert states.select("published_date", "state", "articles").rows() == [
        (date(2024, 3, 1), "built", 4),
        (date(2024, 3, 2), "missing", 3),
        (date(2024, 3, 3), "failed", 2),  # also stale: failed comes first
        (date(2024, 3, 4), "stale", 5),
        (date(2024, 3, 5), "missing", 7),  # built, but one raw article is not in the star
    ]


def test_the_reason_is_the_selecting_modes_reason():
    reasons = dict(day_status(FACTS).select("published_date", "reason").rows())
    assert reasons[date(2024, 3, 1)] is None
    assert reasons[date(2024, 3, 2)] == "never built: 3 articles in the raw layer"
    assert reasons[date(2024, 3, 3)] == "last build failed: disk full"
    assert reasons[date(2024, 3, 4)] == "5 of 5 articles built by newsetl 0.0.9, model ?, rules ?"
    assert reasons[date(2024, 3, 5)] == "1 raw articles not in the star"


def test_state_counts_list_every_state_even_without_days():
    counts = state_counts(day_status(FACTS.head(2)))
    assert counts.rows() == [("failed", 0, 0), ("missing", 1, 3), ("stale", 0, 0),
                             ("built", 1, 4)]


def test_no_facts_no_days():
    assert day_status(FACTS.clear()).is_empty()
    assert state_counts(day_status(FACTS.clear())).get_column("days").to_list() == [0, 0, 0, 0]
