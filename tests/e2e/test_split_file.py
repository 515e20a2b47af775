"""A file of more records than a batch goes in parts (one transaction each), yet the
ledger, the counts and retirements treat it as one file, as when it fits one batch."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from newsetl.flows.nightly import nightly
from tests.conftest import WIKINEWS_SAMPLE

pytestmark = pytest.mark.slow
RECORDS = 7  # parts of 2, 2, 2 and 1 at a batch of 2


def _rows(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def _write(inbox: Path, records: list[dict[str, str]]) -> None:
    inbox.mkdir(exist_ok=True)
    (inbox / "all.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records),
                                     encoding="utf-8")


def _last_file_row(warehouse: Path) -> tuple:
    return _rows(warehouse, """
        select f.outcome, f.records_seen, f.records_new, f.records_changed,
               f.records_unchanged, f.records_quarantined, f.articles_retired
        from etl_file as f join etl_run as r using (run_id)
        order by r.started_at desc limit 1""")[0]


def _current_articles(warehouse: Path) -> set[str]:
    return {url for (url,) in _rows(warehouse, "select url from dim_article")}


@pytest.fixture
def records() -> list[dict[str, str]]:
    lines = WIKINEWS_SAMPLE.read_text(encoding="utf-8").splitlines()[:RECORDS]
    return [json.loads(line) for line in lines]


def _run(inbox: Path, warehouse: Path, batch: int, monkeypatch: pytest.MonkeyPatch) -> dict:
    monkeypatch.setenv("NEWSETL_LOAD_BATCH_ARTICLES", str(batch))
    summary = nightly(inbox=str(inbox), warehouse=str(warehouse))
    assert summary.status == "succeeded"  # the run's checks passed: its counts reconcile
    return summary.counts


def test_a_file_split_into_parts_is_one_file_to_the_ledger(
        records: list[dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        prefect_api: None) -> None:
    monkeypatch.setenv("NEWSETL_NER_PROCESSES", "1")
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh" / "newsetl.duckdb"
    _write(inbox, records)

    first = _run(inbox, warehouse, 2, monkeypatch)
    assert (first["files_seen"], first["files_loaded"], first["articles_new"]) == (1, 1, RECORDS)
    assert _last_file_row(warehouse) == ("loaded", RECORDS, RECORDS, 0, 0, 0, 0)
    assert _rows(warehouse, "select count(*) from etl_file_state") == [(1,)]
    assert len(_current_articles(warehouse)) == RECORDS

    assert _run(inbox, warehouse, 2, monkeypatch)["files_unchanged"] == 1  # not re-read

    # The file loses its second record (in the first part) and its sixth changes (in the
    # third): only the lost one is retired, none of the other parts' articles.
    dropped, edited = records[1], dict(records[5], text=records[5]["text"] + " More news.")
    _write(inbox, [records[0], records[2], records[3], records[4], edited, records[6]])
    third = _run(inbox, warehouse, 2, monkeypatch)
    assert (third["articles_changed"], third["articles_unchanged"], third["articles_retired"],
            third["articles_new"]) == (1, RECORDS - 2, 1, 0)
    assert _last_file_row(warehouse) == ("loaded", RECORDS - 1, 0, 1, RECORDS - 2, 0, 1)
    assert _current_articles(warehouse) == {r["url"] for r in records} - {dropped["url"]}


def test_the_same_file_in_parts_or_in_one_batch_loads_the_same_warehouse(
        records: list[dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        prefect_api: None) -> None:
    monkeypatch.setenv("NEWSETL_NER_PROCESSES", "1")
    inbox = tmp_path / "inbox"
    _write(inbox, records)
    loaded = {}
    for batch in (2, 100):
        warehouse = tmp_path / f"wh{batch}" / "newsetl.duckdb"
        _run(inbox, warehouse, batch, monkeypatch)
        loaded[batch] = {
            table: sorted(_rows(warehouse, sql)) for table, sql in {
                "articles": "select article_id, content_hash from dim_article",
                "mentions": "select article_key, entity_key, start_char from fct_entity_mention",
                "dates": "select article_key, start_char, resolved_date from fct_date_mention",
                "file": "select records_seen, records_new from etl_file",
            }.items()}
    assert loaded[2] == loaded[100]
    assert len(loaded[2]["mentions"]) > 50
