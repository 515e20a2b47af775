"""newsetl on DuckLake with its catalog in a real PostgreSQL (started by the tests), as users
run it: `newsetl run`, `backfill` and `sql` processes against a Prefect server. A nightly, then
`newsetl sql` and the marts; two backfills of the same day started together: one waits for
the other, nothing lost or doubled."""

from __future__ import annotations

import pytest

from tests.integration.service_data import DAYS
from tests.lake.lake_runs import (
    OLD_START,
    Lake,
    all_runs_succeeded,
    articles_per_day,
    assert_checks_pass,
    facts_per_day,
    finish,
)

pytestmark = pytest.mark.slow(seconds=150)


def test_a_nightly_sql_and_the_marts_on_a_postgres_catalog(lake: Lake) -> None:
    lake.newsetl("run")
    expected = articles_per_day(lake)
    assert sum(expected.values()) == len(DAYS) * 2 + 1
    output = lake.newsetl("sql", "--format", "csv",
                          "select sum(article_count) as articles from mart_source_volume")
    assert output.strip().splitlines()[-1] == str(sum(expected.values()))
    assert lake.rows("select count(*) from mart_entity_mentions_daily")[0][0] > 0
    assert_checks_pass(lake)


def test_two_backfills_of_the_same_day_take_turns(lake: Lake) -> None:
    lake.newsetl("run")
    articles, facts = articles_per_day(lake), facts_per_day(lake)
    pair = [lake.start("backfill", OLD_START, OLD_START, "--mode", "all") for _ in range(2)]
    for process in pair:
        finish(process)
    assert articles_per_day(lake) == articles
    assert facts_per_day(lake) == facts
    all_runs_succeeded(lake)
    assert_checks_pass(lake)
    assert lake.waits() == 1  # one backfill waited for the other
