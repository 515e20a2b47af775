"""Amounts through `newsetl run` on real Wikinews articles (tests/data/gold/ and
tests/data/wikinews/): parsed right, attached to their articles and to the entities of their
sentence; rebuilt identically by a backfill; replaced with a changed article."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from newsetl.cli import app
from newsetl.flows.backfill import backfill
from tests.conftest import REPO, WIKINEWS_SLICE

pytestmark = pytest.mark.slow

GOLD_ARTICLES = REPO / "tests" / "data" / "gold" / "wikinews_gold_articles.jsonl"
AMOUNTS = """select article.url, amount.surface_text, amount.kind, amount.value, amount.unit,
                    amount.unparsed_reason
             from fct_amount_mention as amount join dim_article as article using (article_key)
             order by article.url, amount.start_char"""
JACKPOT = "https://en.wikinews.org/wiki/Toronto_man_claims_%2418_million_jackpot"


def _rows(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def _run(inbox: Path, warehouse: Path) -> None:
    result = CliRunner().invoke(app, ["run", "--inbox", str(inbox), "--warehouse",
                                      str(warehouse)])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, prefect_api: None) -> Path:
    root = tmp_path_factory.mktemp("amounts")
    (root / "inbox").mkdir()
    shutil.copy(GOLD_ARTICLES, root / "inbox" / "gold.jsonl")
    shutil.copy(WIKINEWS_SLICE, root / "inbox" / "slice.jsonl")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSETL_NER_PROCESSES", "1")
        _run(root / "inbox", root / "w.duckdb")
    return root / "w.duckdb"


@pytest.fixture
def warehouse(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's copy of the build, where the settings point."""
    copy = tmp_path / "w.duckdb"
    shutil.copyfile(built, copy)
    monkeypatch.setenv("NEWSETL_WAREHOUSE", str(copy))
    monkeypatch.setenv("NEWSETL_NER_PROCESSES", "1")
    return copy


def test_real_amounts_load_parsed(built: Path) -> None:
    rows = {(url.rsplit("/", 1)[1], surface): (kind, value, unit, reason)
            for url, surface, kind, value, unit, reason in _rows(built, AMOUNTS)}
    # "$18 million" is in fact Canadian (Lotto 649): the documented rule reads `$` as USD
    # unless the span names another dollar; it does not read the article's country.
    assert rows[("Toronto_man_claims_%2418_million_jackpot", "$18 million")] \
        == ("money", 1.8e7, "USD", None)
    assert rows[("Irish_unemployment_rate_steady_at_4.2%25", "4.2%")] \
        == ("percent", 4.2, "%", None)
    central_banks = "Central_banks_announce_joint_efforts_to_provide_liquidity"
    assert rows[(central_banks, "US$ 20 billion")] == ("money", 2e10, "USD", None)
    assert rows[(central_banks, "up to $20 billion and $4 billion")] \
        == ("money", None, None, "unreadable")
    assert _rows(built, "select count(*) from fct_amount_mention where (value is null) = "
                        "(unparsed_reason is null)") == [(0,)]


def test_amounts_reach_the_entities_of_their_sentence(built: Path) -> None:
    rows = {name: (kind, unit, count, total) for name, kind, unit, count, total in _rows(built, """
        select canonical_name, kind, unit, amount_count, value_sum
        from mart_amounts_by_entity_weekly""")}
    # "The first auction is scheduled for Monday, December 17 and will be a "Term Auction
    # Facility" of US$ 20 billion." (the one amount of its sentence)
    assert rows["Term Auction Facility"] == ("money", "USD", 1, 2e10)
    # "… Luxembourg with a rate of 4.4% and Austria at 4.5%": both amounts are in the
    # sentence that names each country (the mart's grain is the sentence, documented)
    assert rows["Austria"][:3] == ("percent", "%", 2)
    assert rows["Austria"][3] == pytest.approx(8.9)


def test_a_backfill_rebuilds_the_same_amounts(warehouse: Path) -> None:
    before = _rows(warehouse, AMOUNTS)
    result = backfill(start_date=date(2004, 1, 1), end_date=date(2008, 12, 31), mode="all")
    assert [day.status for day in result.days] == ["succeeded"] * len(result.days)
    assert _rows(warehouse, AMOUNTS) == before
    assert _rows(warehouse, "select count(distinct run_id) from fct_amount_mention") == [(1,)]
    assert _rows(warehouse, "select run_kind from etl_run join (select distinct run_id from "
                            "fct_amount_mention) using (run_id)") == [("backfill",)]


def test_a_changed_article_replaces_its_amounts(warehouse: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with WIKINEWS_SLICE.open(encoding="utf-8") as lines:
        record = next(json.loads(line) for line in lines if json.loads(line)["url"] == JACKPOT)
    record["text"] = record["text"].replace("$18 million", "$20 million")
    (inbox / "changed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    _run(inbox, warehouse)
    jackpot = [row for row in _rows(warehouse, AMOUNTS) if row[0] == JACKPOT]
    assert ("$20 million", 2e7) in [(surface, value) for _, surface, _, value, _, _ in jackpot]
    assert "$18 million" not in [surface for _, surface, *_ in jackpot]
