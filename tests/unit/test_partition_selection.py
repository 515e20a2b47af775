"""Which days each backfill mode picks, on tiny frames of day facts."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from newsetl.transforms.ledger.partition_selection import (
    DAY_FACT_SCHEMA,
    BackfillMode,
    select_days,
    with_orphans,
    with_unfinished,
)

D1, D2, D3, D4, D5 = (date(2024, 3, day) for day in range(1, 6))


def _facts(*rows: tuple[object, ...]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=DAY_FACT_SCHEMA, orient="row")


FACTS = _facts(
    # day, articles, orphans, stale, stale versions, status, error
    (D1, 2, 0, 0, None, "succeeded", None),
    (D2, 3, 0, 0, None, None, None),  # loaded before partitions were recorded
    (D3, 1, 1, 0, None, "succeeded", None),  # one raw article not in the star
    (D4, 2, 0, 0, None, "failed", "disk full"),
    (D5, 4, 0, 1, "newsetl 0.0.1, model m-1, rules r1", "succeeded", None),
)


@pytest.mark.parametrize(("mode", "expected"), [
    (BackfillMode.missing, [(D2, 3, "never built: 3 articles in the raw layer"),
                            (D3, 2, "1 raw articles not in the star")]),
    (BackfillMode.failed, [(D4, 2, "last build failed: disk full")]),
    (BackfillMode.stale, [(D5, 4, "1 of 4 articles built by newsetl 0.0.1, model m-1, rules r1")]),
    (BackfillMode.all, [(day, n, "every day of the range (mode all)")
                        for day, n in ((D1, 2), (D2, 3), (D3, 2), (D4, 2), (D5, 4))]),
])
def test_each_mode_selects_its_days_with_a_reason(mode: BackfillMode,
                                                  expected: list[tuple[object, ...]]) -> None:
    assert select_days(FACTS, mode).rows() == expected


def test_a_day_left_unfinished_counts_as_failed_before_anyone_recorded_it() -> None:
    unfinished = pl.DataFrame({"published_date": [D1], "error": ["interrupted"]})

    facts = with_unfinished(FACTS, unfinished)

    assert select_days(facts, BackfillMode.failed)["published_date"].to_list() == [D1, D4]
    assert facts.height == FACTS.height


def test_orphans_are_counted_on_their_day_even_one_without_star_rows() -> None:
    orphans = pl.DataFrame({"article_id": ["a", "b"], "published_date": [D1, date(2024, 3, 9)]})

    facts = with_orphans(FACTS, orphans)

    missing = select_days(facts, BackfillMode.missing)
    assert missing.rows() == [
        (D1, 3, "1 raw articles not in the star"),
        (D2, 3, "never built: 3 articles in the raw layer"),
        (D3, 2, "1 raw articles not in the star"),
        (date(2024, 3, 9), 1, "never built: 1 articles in the raw layer"),
    ]

