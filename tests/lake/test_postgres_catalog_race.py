"""A nightly of new days and a backfill of old days started together on a PostgreSQL-catalog
lake, five times (`newsetl run` and `newsetl backfill` processes, a real PostgreSQL): both
succeed, one after the other (the catalog's writer lock), every article and fact there once,
every data check passing. (A module of its own: pytest-xdist runs it beside the others.)"""

from __future__ import annotations

import pytest

from tests.lake.lake_runs import (
    OLD_END,
    OLD_START,
    Lake,
    all_runs_succeeded,
    articles_per_day,
    assert_checks_pass,
    facts_per_day,
    finish,
    write_new_days,
)

pytestmark = pytest.mark.slow(seconds=310)

RACES = 5


def test_a_nightly_of_new_days_and_a_backfill_of_old_days_started_together(lake: Lake) -> None:
    lake.newsetl("run")
    expected_articles = articles_per_day(lake)
    expected_facts = facts_per_day(lake)
    for race in range(RACES):
        new_days = write_new_days(lake.inbox, race)
        nightly = lake.start("run")
        backfill = lake.start("backfill", OLD_START, OLD_END, "--mode", "all")
        finish(nightly)
        finish(backfill)
        expected_articles |= new_days
        assert articles_per_day(lake) == expected_articles  # none lost, none doubled
        facts = facts_per_day(lake)
        # The old days' facts were rebuilt to the same rows; the new day's were added once.
        assert {key: facts[key] for key in expected_facts} == expected_facts
        expected_facts = facts
    all_runs_succeeded(lake)
    assert_checks_pass(lake)
    kinds = [kind for (kind,) in lake.rows("select run_kind from etl_run")]
    assert kinds.count("backfill") == RACES
    assert lake.waits() >= 1  # started together, one waited for the other's session
