"""Promise: hostile input cannot stall, exhaust or fool a run. A generated inbox of every bad
input an attack tried (nesting and gzip bombs, 100,000-column and ragged CSV, huge records,
odd file names, FIFOs and sockets, symlink and hardlink escapes, bad encodings, a file
growing during the scan) goes through one `newsetl run`: each file ends in exactly one
documented outcome, the run stays under its time and memory bounds, and its counts
reconcile (0 unaccounted)."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO
from tests.integration.prefect_server import PrefectServer
from tests.scorecard.hostile_inbox import LIMITS, build_hostile_inbox, grow
from tests.scorecard.runs import EVENT_LOGGING, run_newsetl
from tests.scorecard.scorecard import record

pytestmark = pytest.mark.slow
# Bounds for the whole run over the corpus (docs/reliability.md).
MAX_SECONDS = 120.0
MAX_RSS_MIB = 1024.0
GROWING = "growing.jsonl"
SCAN_STARTS = r"Executing task 'plan_inbox'"


def _documented_reason_codes() -> set[str]:
    text = (REPO / "docs" / "warehouse.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([a-z_]+)` \| (?:file|record) \|", text, re.MULTILINE))


def test_every_hostile_file_ends_in_one_documented_outcome_within_bounds(
        real_prefect_server: PrefectServer, tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "warehouse" / "newsetl.duckdb"
    expected = build_hostile_inbox(inbox, tmp_path / "outside")
    growing = inbox / GROWING
    growing.write_text("")
    stop = threading.Event()
    grower = threading.Thread(target=grow, args=(growing, stop.is_set), daemon=True)
    env = real_prefect_server.env(NEWSETL_INBOX=str(inbox), NEWSETL_WAREHOUSE=str(warehouse),
                                  NEWSETL_NER_PROCESSES="1", **LIMITS, **EVENT_LOGGING)
    try:  # the file grows from the moment the run starts to walk the inbox
        run = run_newsetl(env, kill_at=SCAN_STARTS, then=grower.start)
    finally:
        stop.set()
        if grower.is_alive():
            grower.join(10)
        for server in expected.keep_open:
            server.close()
    seconds, rss = run.seconds, run.peak_rss_mib
    assert run.event_seen, run.tail()
    assert run.exit_code == 0, run.tail()

    with duckdb.connect(str(warehouse), read_only=True) as connection:
        files = connection.sql("select file_path, outcome, reason_code from etl_file").fetchall()
        records = connection.sql(
            "select file_path, record_number, reason_code from quarantine "
            "where record_number is not null").fetchall()
        counts = connection.sql(
            "select files_seen, files_loaded, files_unchanged, files_duplicate, "
            "files_quarantined, records_seen, articles_new, articles_changed, "
            "articles_unchanged, articles_duplicate, records_quarantined from etl_run"
        ).fetchone()
        record_rows = connection.sql("select count(*) from etl_record").fetchone()
        secrets = connection.sql("select count(*) from raw_article where title = 'secret' "
                                 "or text like '%root:%'").fetchone()
    assert counts is not None
    assert record_rows is not None
    assert secrets is not None

    outcomes: dict[str, list[str]] = {}
    for path, outcome, reason in files:
        outcomes.setdefault(path, []).append(reason if outcome == "quarantined" else outcome)
    documented = _documented_reason_codes() | {"loaded"}
    wrong = {path: (got, expected.files.get(path)) for path, got in outcomes.items()
             if path != GROWING and got != [expected.files.get(path)]}
    missing = sorted(set(expected.files) - set(outcomes))
    grown = outcomes.get(GROWING, [])
    growing_ok = len(grown) == 1 and grown[0] in documented
    undocumented = sorted({reason for got in outcomes.values() for reason in got}
                          - documented)
    record_wrong = {key: reason for key, reason in expected.records.items()
                    if (key[0], key[1], reason) not in set(records)}
    files_seen, loaded, unchanged, duplicate, quarantined, records_seen, *record_counts = counts
    unaccounted = (abs(files_seen - (loaded + unchanged + duplicate + quarantined))
                   + abs(files_seen - len(files)) + abs(records_seen - sum(record_counts))
                   + abs(records_seen - record_rows[0]) + len(missing))
    problems = len(wrong) + len(missing) + len(undocumented) + len(record_wrong) + (
        0 if growing_ok else 1)
    figures = {"inputs": len(expected.files) + 1,
               "in one documented outcome": len(expected.files) + 1 - len(wrong)
               - len(missing) - (0 if growing_ok else 1),
               "records checked": len(expected.records), "wrong": problems,
               "unaccounted": unaccounted, "secrets loaded": secrets[0],
               "run s": round(seconds, 1), "bound s": MAX_SECONDS,
               "peak RSS MiB": round(rss), "bound MiB": MAX_RSS_MIB,
               "growing file": grown[0] if grown else "missing"}
    passed = (not wrong and not missing and growing_ok and not undocumented
              and not record_wrong and unaccounted == 0 and secrets[0] == 0
              and seconds < MAX_SECONDS and rss < MAX_RSS_MIB)
    record("bad inputs", passed, figures,
           "; ".join(f"{path!r}: {got} not {want}" for path, (got, want) in wrong.items())[:300])
    assert wrong == {}
    assert missing == []
    assert growing_ok, grown
    assert undocumented == []
    assert record_wrong == {}, sorted(records)
    assert unaccounted == 0, (counts, len(files), record_rows)
    assert secrets[0] == 0
    assert seconds < MAX_SECONDS
    assert rss < MAX_RSS_MIB
