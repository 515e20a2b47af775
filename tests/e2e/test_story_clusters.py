"""Stories through the nightly flow: a syndicated copy (edited lead, another headline and
outlet, boilerplate) arriving in a later run joins the story of the article it copies; a
different story on the same topic stays its own."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from newsetl.flows.nightly import nightly

pytestmark = pytest.mark.slow
DATA = Path(__file__).resolve().parents[1] / "data" / "wikinews"
FIELDS = ("title", "date", "url", "source", "text")


def _records() -> dict[str, dict]:
    found = {}
    for name in ("wikinews_slice.jsonl", "stories_slice.jsonl"):
        with (DATA / name).open(encoding="utf-8") as lines:
            for record in map(json.loads, lines):
                found[record["id"]] = {field: record[field] for field in FIELDS}
    return found


def _write(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")


def _syndicated(record: dict) -> dict:
    lead, rest = record["text"].split(". ", 1)
    words = lead.split()
    words[2], words[-3] = "reportedly", "recently"
    return {
        "title": "Kyrgyzstan to vote again after coup",
        "date": "2005-03-28",
        "url": "https://daily.example/world/kyrgyz-vote",
        "source": "The Daily Example",
        "text": f"By Wire Staff. {' '.join(words)}. {rest} Copyright 2005 The Daily "
                "Example. All rights reserved. This material may not be redistributed.",
    }


def test_a_copy_in_a_later_run_joins_the_story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               prefect_api: None) -> None:
    monkeypatch.setenv("NEWSETL_NER_PROCESSES", "1")
    records = _records()
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh" / "newsetl.duckdb"
    original, hospital, death = records["ID6530"], records["ID72883"], records["ID74062"]
    _write(inbox / "first.jsonl", [original, hospital])
    assert nightly(inbox=str(inbox), warehouse=str(warehouse)).status == "succeeded"
    _write(inbox / "second.jsonl", [_syndicated(original), death])
    assert nightly(inbox=str(inbox), warehouse=str(warehouse)).status == "succeeded"

    with duckdb.connect(str(warehouse), read_only=True) as connection:
        story = dict(connection.sql(
            "select a.url, f.url from dim_article as a "
            "join dim_article as f on f.article_key = a.story_key").fetchall())
        spread = connection.sql("select first_title, article_count, source_count "
                                "from mart_stories order by first_published_at").fetchall()
        bands = connection.sql("select count(*) from story_lsh_band").fetchone()
    assert story == {
        original["url"]: original["url"],
        "https://daily.example/world/kyrgyz-vote": original["url"],
        hospital["url"]: hospital["url"],
        death["url"]: death["url"],
    }
    assert spread == [(original["title"], 2, 2), (hospital["title"], 1, 1),
                      (death["title"], 1, 1)]
    assert bands == (4 * 32,)
