"""The whole nightly flow on an inbox of every layout and every bad case, run as users do:
twice over the same inbox, then after a file changed and a file arrived. The reruns (a
changed article's deletes and replacements) run on both backends: the DuckDB file and
DuckLake with a local catalog."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from newsetl.flows.nightly import nightly
from newsetl.settings import Settings
from newsetl.warehouse.backend import connect_reader
from tests.e2e.inbox_builder import ExpectedInbox, build_inbox

pytestmark = pytest.mark.slow
MAX_FILE_BYTES = 200_000


BOTH_BACKENDS = pytest.mark.parametrize("backend", ["duckdb", "ducklake"])


@pytest.fixture
def backend() -> str:
    """The warehouse backend (NEWSETL_BACKEND); `BOTH_BACKENDS` runs a test on each."""
    return "duckdb"


@pytest.fixture
def warehouse_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefect_api: None,
                  backend: str) -> tuple[Path, Path, ExpectedInbox]:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh" / "newsetl.duckdb"
    expected = build_inbox(inbox, MAX_FILE_BYTES)
    monkeypatch.setenv("NEWSETL_BACKEND", backend)
    monkeypatch.setenv("NEWSETL_MAX_FILE_BYTES", str(MAX_FILE_BYTES))
    monkeypatch.setenv("NEWSETL_NER_PROCESSES", "1")
    return inbox, warehouse, expected


def _run(inbox: Path, warehouse: Path) -> dict[str, int]:
    summary = nightly(inbox=str(inbox), warehouse=str(warehouse))
    assert summary.status == "succeeded"
    return summary.counts


def _rows(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of the writer's warehouse on the backend NEWSETL_BACKEND names."""
    with connect_reader(Settings(warehouse=warehouse).warehouse_target) as connection:
        return connection.execute(sql, params or []).fetchall()


def _table_counts(warehouse: Path) -> dict[str, int]:
    tables = ("dim_article", "raw_article", "fct_entity_mention", "fct_article_entity",
              "fct_date_mention", "dim_entity", "dim_entity_alias", "dim_place", "dim_source")
    return {t: _rows(warehouse, f"select count(*) from {t}")[0][0] for t in tables}


def test_first_run_gives_every_file_one_outcome_and_every_reason(warehouse_env) -> None:
    inbox, warehouse, expected = warehouse_env
    counts = _run(inbox, warehouse)
    run_id = _rows(warehouse, "select run_id from etl_run")[0][0]

    outcomes = dict(_rows(warehouse, "select file_path, outcome from etl_file where run_id = ?",
                          [run_id]))
    assert outcomes == expected.file_outcomes
    file_reasons = dict(_rows(
        warehouse, "select file_path, reason_code from quarantine where record_number is null"))
    assert file_reasons == expected.file_reasons
    record_reasons = {
        (path, number): reason for path, number, reason in _rows(
            warehouse, "select file_path, record_number, reason_code from quarantine "
            "where record_number is not null")}
    assert record_reasons == expected.record_reasons

    assert counts["files_seen"] == len(expected.file_outcomes)
    assert counts["articles_new"] == expected.articles
    assert counts["articles_duplicate"] == 1
    assert counts["records_quarantined"] == len(expected.record_reasons)
    assert _rows(warehouse, "select count(*) from dim_article")[0][0] == expected.articles
    duplicate_of = _rows(warehouse, "select duplicate_of_article_id from etl_record "
                         "where file_path = 'zz_copies/seed_copy.txt'")[0][0]
    seed_id = _rows(warehouse, "select article_id from dim_article where file_path = 'seed.txt'")
    assert duplicate_of == seed_id[0][0]
    assert _rows(warehouse, "select status from etl_run")[0][0] == "succeeded"


def test_what_reaches_the_warehouse_is_clean_and_decoded(warehouse_env) -> None:
    inbox, warehouse, _ = warehouse_env
    _run(inbox, warehouse)
    texts = " ".join(text for (text,) in _rows(warehouse, "select text from dim_article"))
    for leaked in ("SCRIPT_TEXT", "NAV_TEXT", "FOOTER_TEXT", "color:red"):
        assert leaked not in texts
    assert "São Paulo" in texts
    encodings = dict(_rows(warehouse, "select file_path, encoding from raw_article"))
    assert encodings["latin1.txt"] in ("cp1252", "latin-1")
    assert encodings["utf16.json"].startswith("utf-16")
    published = dict(_rows(warehouse, "select file_path, published_date::varchar from dim_article"))
    assert published["utf16.json"] == "2005-01-01"  # a Unix epoch
    assert published["archive.jsonl.gz"] == "2005-03-05"  # a long form
    assert published["feed.jsonl"] == "2003-06-10"  # RFC 2822
    html_title = _rows(warehouse, "select title from dim_article where file_path = 'page.html'")
    assert html_title == [("Summit ends",)]
    stored = _rows(warehouse,
                   "select stored_copy from quarantine where file_path = 'truncated.json'")
    assert Path(stored[0][0]).read_text() == '{"title": "cut", "text": "never ends'


@BOTH_BACKENDS
def test_rerun_adds_nothing_and_a_changed_file_replaces_its_article(warehouse_env) -> None:
    inbox, warehouse, expected = warehouse_env
    _run(inbox, warehouse)
    before = _table_counts(warehouse)

    counts = _run(inbox, warehouse)
    assert counts["files_unchanged"] == counts["files_seen"] == len(expected.file_outcomes)
    assert counts["articles_new"] == counts["records_seen"] == 0
    assert _table_counts(warehouse) == before

    changed = inbox / "newsplease.json"
    record = json.loads(changed.read_text())
    old_hash = _rows(warehouse, "select content_hash from dim_article where url = ?",
                     [record["url"]])[0][0]
    record["maintext"] += " A correction was appended to this story about Berlin."
    changed.write_text(json.dumps(record))
    os.utime(changed, ns=(time.time_ns(), time.time_ns() + 10**9))
    (inbox / "new.txt").write_text("date 2007-05-05 A new article about Madrid and Lisbon.")

    counts = _run(inbox, warehouse)
    assert (counts["articles_changed"], counts["articles_new"]) == (1, 1)
    assert counts["files_unchanged"] == len(expected.file_outcomes) - 1
    after = _table_counts(warehouse)
    assert after["dim_article"] == before["dim_article"] + 1
    assert after["raw_article"] == before["raw_article"] + 2  # the new version and the new file
    rows = _rows(warehouse, "select content_hash from dim_article where url = ?", [record["url"]])
    assert len(rows) == 1
    assert rows[0][0] != old_hash
    versions = _rows(warehouse, "select is_current, count(*) from raw_article r join dim_article a "
                     "using (article_id) where a.url = ? group by is_current order by is_current",
                     [record["url"]])
    assert versions == [(False, 1), (True, 1)]
    stale_mentions = _rows(
        warehouse, "select count(*) from fct_entity_mention m join dim_article a using "
        "(article_key) where a.url = ? and m.run_id <> a.run_id", [record["url"]])
    assert stale_mentions == [(0,)]


def test_a_rewritten_file_retires_the_articles_it_no_longer_holds(warehouse_env) -> None:
    inbox, warehouse, _ = warehouse_env
    _run(inbox, warehouse)
    feed = inbox / "feed.jsonl"
    first_line, *_ = feed.read_text().splitlines()
    kept_url = json.loads(first_line)["link"]
    before = _rows(warehouse, "select count(*) from dim_article")[0][0]
    feed.write_text(first_line + "\n")
    os.utime(feed, ns=(time.time_ns(), time.time_ns() + 10**9))

    counts = _run(inbox, warehouse)
    assert counts["articles_retired"] == 1
    assert counts["articles_unchanged"] == 1
    assert _rows(warehouse, "select count(*) from dim_article")[0][0] == before - 1
    assert _rows(warehouse, "select url from dim_article where file_path = 'feed.jsonl'") == [
        (kept_url,)]
    # Nothing is lost: the retired version stays in the raw layer, no longer current.
    assert _rows(warehouse, "select count(*) from raw_article where file_path = 'feed.jsonl' "
                 "and not is_current") == [(1,)]
    orphans = _rows(warehouse, "select count(*) from fct_entity_mention where article_key "
                    "not in (select article_key from dim_article)")
    assert orphans == [(0,)]
