"""`newsetl run` over an inbox of news-please JSON, a JSON-LD page, an RSS feed with
dc:creator and a CSV export (tests/data/metadata/): authors land in dim_author and
bridge_article_author, the other metadata on dim_article, and the summary names the fields
the run ignored. A changed article's author rows are replaced, and a backfill of the days
rebuilds exactly the same rows from the raw layer."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from newsetl.cli import app

pytestmark = pytest.mark.slow
DATA = Path(__file__).resolve().parents[1] / "data" / "metadata"
INPUTS = ("newsplease.json", "jsonld_story.html", "creators.rss", "bylines.csv")
BRIDGE = """
    select article.url, bridge.author_position, author.author_name
    from bridge_article_author as bridge
    join dim_article as article using (article_key)
    join dim_author as author using (author_key)
    order by article.url, bridge.author_position"""


def _rows(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, prefect_api: None) -> CliRunner:
    monkeypatch.setenv("NEWSETL_NER_PROCESSES", "1")
    return CliRunner()


def test_metadata_loads_is_replaced_with_its_article_and_rebuilt_by_a_backfill(
        runner: CliRunner, tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh" / "newsetl.duckdb"
    inbox.mkdir()
    for name in INPUTS:
        shutil.copy(DATA / name, inbox / name)
    run = ["run", "--inbox", str(inbox), "--warehouse", str(warehouse)]
    first = runner.invoke(app, run)
    assert first.exit_code == 0, first.output
    assert "6 new" in first.output
    assert ("fields we ignored: internal_score (2 records), date_download (1 record), "
            "filename (1 record), localpath (1 record), title_page (1 record), "
            "title_rss (1 record)") in first.output

    assert _rows(warehouse, "select author_name from dim_author order by author_name") == [
        ("Jane Doe",), ("John Roe",), ("José Álvarez",), ("Maria Lopez",), ("Reuters",)]
    assert _rows(warehouse, BRIDGE) == [
        ("https://daily.example.com/europe/lisbon-metro", 1, "Jane Doe"),
        ("https://daily.example.com/europe/lisbon-metro", 2, "José Álvarez"),
        ("https://daily.example.com/europe/lisbon-metro", 3, "Reuters"),
        ("https://news.example.org/ports/rotterdam-strike", 1, "Jane Doe"),
        ("https://news.example.org/ports/rotterdam-strike", 2, "John Roe"),
        ("https://paper.example.co.uk/world/oslo-fund", 1, "Jane Doe"),
        ("https://wire.example.net/africa/kenya-tanzania-railway", 1, "John Roe"),
        ("https://wire.example.net/americas/chile-rates", 1, "Maria Lopez"),
    ]
    assert _rows(warehouse, """
        select section, keywords, image_url, modified_at::varchar from dim_article
        where url = 'https://daily.example.com/europe/lisbon-metro'""") == [
        ("Europe", ["Lisbon", "transport", "metro"],
         "https://daily.example.com/img/lisbon-metro.jpg", "2024-05-21 09:15:00+00")]
    assert _rows(warehouse, """
        select field_name, records, example_file from etl_ignored_field
        order by records desc, field_name limit 2""") == [
        ("internal_score", 2, "bylines.csv"), ("date_download", 1, "newsplease.json")]

    # The news-please article changes: its text and byline. Its old author rows go.
    record = json.loads((DATA / "newsplease.json").read_text(encoding="utf-8"))
    record["authors"] = ["Ann Lee"]
    record["maintext"] += " Talks resume on Friday."
    (inbox / "newsplease.json").write_text(json.dumps(record), encoding="utf-8")
    second = runner.invoke(app, run)
    assert second.exit_code == 0, second.output
    assert "1 changed" in second.output
    rebuilt_from = _rows(warehouse, BRIDGE)
    assert [row for row in rebuilt_from if "rotterdam" in row[0]] == [
        ("https://news.example.org/ports/rotterdam-strike", 1, "Ann Lee")]
    assert len(rebuilt_from) == 7
    # Append-only: John Roe stays (another article still names him), and so would anyone.
    assert len(_rows(warehouse, "select 1 from dim_author")) == 6

    metadata = "select url, description, section, keywords, image_url, modified_at " \
               "from dim_article order by url"
    before = _rows(warehouse, metadata)
    backfill = runner.invoke(app, ["backfill", "2024-03-01", "2024-08-31", "--mode", "all",
                                   "--warehouse", str(warehouse), "--yes"])
    assert backfill.exit_code == 0, backfill.output
    assert _rows(warehouse, BRIDGE) == rebuilt_from
    assert _rows(warehouse, """
        select distinct run.run_kind from bridge_article_author join etl_run as run
        using (run_id)""") == [("backfill",)]  # every row written again by the backfill
    assert _rows(warehouse, metadata) == before
