"""Small real inputs for the service tests: Wikinews sample articles put on a few days, and
read-only looks into the warehouse they end in."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from tests.conftest import SEED_FILE, WIKINEWS_SAMPLE

DAYS = (date(2024, 3, 1), date(2024, 3, 2), date(2024, 3, 3))
SEED_DAY = date(2024, 2, 17)  # the seed article's own date line
ARTICLES_PER_DAY = 2


def write_inbox(inbox: Path, days: tuple[date, ...] = DAYS,
                per_day: int = ARTICLES_PER_DAY) -> dict[date, int]:
    """A JSON Lines file of Wikinews articles, `per_day` on each day, plus the seed article;
    returns the article count per day."""
    inbox.mkdir(parents=True, exist_ok=True)
    lines = WIKINEWS_SAMPLE.read_text(encoding="utf-8").splitlines()
    records = []
    for number, line in enumerate(lines[:len(days) * per_day]):
        record = json.loads(line)
        record["date"] = days[number // per_day].isoformat()
        records.append(json.dumps(record))
    (inbox / "wikinews.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    (inbox / "seed.txt").write_bytes(SEED_FILE.read_bytes())
    return {**dict.fromkeys(days, per_day), SEED_DAY: 1}


def rows(warehouse: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """All rows of one query, on a read-only connection closed at once."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(sql, params or []).fetchall()


def execute(warehouse: Path, sql: str, params: list[Any] | None = None) -> None:
    """One statement on a writable connection (to stage a state the test needs)."""
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute(sql, params or [])


def partitions(warehouse: Path) -> dict[date, tuple[str, str, int]]:
    """published_date → (status, run_kind, articles) of every etl_partition row."""
    found = rows(warehouse, "select published_date, status, run_kind, articles from etl_partition")
    return {day: (status, kind, articles) for day, status, kind, articles in found}


def stage_every_case(warehouse: Path) -> None:
    """After a nightly build: the seed day never recorded, one article of DAYS[0] lost from
    the star, DAYS[1] failed, DAYS[2] built by an older newsetl."""
    execute(warehouse, "delete from etl_partition where published_date = ?", [SEED_DAY])
    lost = "(select min(article_key) from dim_article where published_date = ?)"
    for table in ("fct_entity_mention", "fct_article_entity", "fct_date_mention",
                  "bridge_article_author", "dim_article"):
        execute(warehouse, f"delete from {table} where article_key = {lost}", [DAYS[0]])
    execute(warehouse, "update etl_partition set status = 'failed', error = 'disk full' "
            "where published_date = ?", [DAYS[1]])
    execute(warehouse, "insert into etl_run by name select * replace ('old-run' as run_id, "
            "'0.0.1' as newsetl_version) from etl_run limit 1")
    execute(warehouse, "update dim_article set run_id = 'old-run' where published_date = ?",
            [DAYS[2]])
