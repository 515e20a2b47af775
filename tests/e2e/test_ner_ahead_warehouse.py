"""The guess of the first batch's NER input against a warehouse that already holds
articles: what the flow will tag, not what the inbox holds (`newsetl.ner_ahead`)."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from newsetl.flows.decisions import record_rules
from newsetl.flows.nightly import nightly
from newsetl.ner_ahead import plan_ahead
from newsetl.settings import Settings
from newsetl.warehouse.lock import writer_lock
from tests.conftest import REPO, WIKINEWS_SAMPLE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def first_night(tmp_path_factory: pytest.TempPathFactory, prefect_api: None) -> Path:
    """The samples' inbox and the warehouse its first night built."""
    home = tmp_path_factory.mktemp("first_night")
    shutil.copytree(REPO / "samples" / "inbox", home / "inbox")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSETL_NER_PROCESSES", "1")
        summary = nightly(inbox=str(home / "inbox"), warehouse=str(home / "wh" / "w.duckdb"))
    assert summary.status == "succeeded"
    return home


@pytest.fixture
def night(first_night: Path, tmp_path: Path) -> Settings:
    """A copy of the first night's inbox (mtimes kept) and warehouse, to change."""
    shutil.copytree(first_night / "inbox", tmp_path / "inbox")
    shutil.copytree(first_night / "wh", tmp_path / "wh")
    return Settings(inbox=tmp_path / "inbox", warehouse=tmp_path / "wh" / "w.duckdb",
                    ner_processes=1)


def _plan(settings: Settings, reread: bool = False) -> list[tuple[str, str]] | None:
    return plan_ahead(settings, record_rules(settings, datetime.now(UTC).date()), reread)


def _sample_records() -> list[dict]:
    with WIKINEWS_SAMPLE.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def test_an_unchanged_inbox_needs_no_workers(night: Settings) -> None:
    assert _plan(night) is None


def test_a_reread_of_stored_articles_in_one_batch_needs_no_workers(night: Settings) -> None:
    assert _plan(night, reread=True) is None


def test_a_reread_of_more_than_a_batch_guesses_its_first_batch(night: Settings) -> None:
    # 41 stored articles in batches of 20: the first tags nothing, the rest is not known.
    assert _plan(night.model_copy(update={"load_batch_articles": 20}), reread=True) == []


def test_a_new_file_of_mostly_stored_articles_guesses_what_the_flow_loads(
        night: Settings) -> None:
    records = _sample_records()
    # A stored id with other content, while the file that holds it is unchanged: the flow
    # quarantines it as a conflict, so it is not tagged either.
    conflicting = dict(records[1], text=records[1]["text"] + " The minister resigned.")
    new = dict(records[2], id="ID-new", url="https://example.org/a-new-article",
               title="A new article", text="Angela Merkel visited Lagos. " + records[2]["text"])
    lines = [json.dumps(r) for r in [*records[:10], conflicting, new]]
    (night.inbox / "later.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    guessed = _plan(night)

    assert guessed is not None
    assert len(guessed) == 1
    assert guessed[0][1].startswith("Angela Merkel visited Lagos.")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSETL_NER_PROCESSES", "1")
        summary = nightly(inbox=str(night.inbox), warehouse=str(night.warehouse))
    assert summary.status == "succeeded"
    with duckdb.connect(str(night.warehouse), read_only=True) as connection:
        loaded = connection.execute(
            "select article_id from raw_article where run_id = ?", [summary.run_id]
        ).fetchall()
    assert (summary.counts["articles_new"], summary.counts["records_quarantined"]) == (1, 1)
    assert sorted(article_id for article_id, _ in guessed) == sorted(row[0] for row in loaded)


def test_a_busy_writer_means_work_but_no_guess(night: Settings) -> None:
    (night.inbox / "later.jsonl").write_text(json.dumps(_sample_records()[0]) + "\n",
                                             encoding="utf-8")
    with writer_lock(night.warehouse, "another writer", 0):
        assert _plan(night) == []
    assert _plan(night) is None  # the one record is stored already
