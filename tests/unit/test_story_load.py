"""Stories in a real warehouse, batch after batch: a copy loaded in a later run joins the
earlier story through the stored bands; an older copy moves the story to itself; a replaced
or retired article leaves its story split again; any load order gives the same keys."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl

from newsetl.flows.loading import load_batch
from newsetl.flows.stories import story_frames
from newsetl.warehouse.connection import connect_memory
from newsetl.warehouse.load import LoadBatch
from newsetl.warehouse.migrate import migrate
from newsetl.warehouse.sql_files import read_sql
from newsetl.warehouse.staging import staged

DATA = Path(__file__).resolve().parents[1] / "data" / "wikinews"
BOILERPLATE = ("Copyright 2005 The Daily Example. All rights reserved. This material may not "
               "be published, broadcast, rewritten or redistributed.")
STORY_CHECKS = ("checks/assert_dim_article_story_key_is_first.sql",
                "checks/assert_story_lsh_band_has_article.sql")


def texts() -> dict[str, str]:
    found = {}
    for name in ("wikinews_slice.jsonl", "stories_slice.jsonl"):
        with (DATA / name).open(encoding="utf-8") as lines:
            found.update({record["id"]: record["text"] for record in map(json.loads, lines)})
    return found


TEXTS = texts()
KYRGYZ = TEXTS["ID6530"]


def edited_copy(text: str) -> str:
    """Another outlet's run of the story: lead edited, boilerplate before and after."""
    lead, rest = text.split(". ", 1)
    words = lead.split()
    words[2], words[-3] = "reportedly", "recently"
    return f"By Wire Staff. {' '.join(words)}. {rest} {BOILERPLATE}"


def dim_article(key: int, text: str, day: int, title: str, run_id: str) -> dict:
    published = datetime(2005, 3, day, 9, tzinfo=UTC)
    return {
        "article_key": key, "article_id": f"{key:032x}", "natural_key": f"n/{key}",
        "url": f"https://news.example/{key}", "title": title, "published_at": published,
        "published_date": published.date(), "published_date_key": 20050300 + day,
        "source_key": 7, "language": "en", "word_count": len(text.split()),
        "char_count": len(text), "text": text, "content_hash": f"h{key}-{hash(text)}",
        "file_path": f"{key}.json", "record_number": 1, "run_id": run_id,
    }


def load(connection: duckdb.DuckDBPyConnection, run_id: str,
         articles: list[tuple[int, str, int, str]], replaced: tuple[int, ...] = ()) -> None:
    """One batch the way the nightly flow loads it: its stories from the stored bands."""
    rows = pl.DataFrame([dim_article(*article, run_id) for article in articles],
                        schema_overrides={"published_date": pl.Date()}) if articles else (
        pl.DataFrame())
    gone = pl.DataFrame({"article_id": [f"{key:032x}" for key in replaced],
                         "article_key": list(replaced)},
                        schema={"article_id": pl.String(), "article_key": pl.Int64()})
    frames = story_frames(connection, rows, gone, run_id)
    load_batch(connection, LoadBatch(replaced_article=gone, **frames))
    for check in STORY_CHECKS:
        assert connection.execute(read_sql(check), {"run_id": run_id}).fetchall() == []


def stories(connection: duckdb.DuckDBPyConnection) -> dict[int, int]:
    return dict(connection.sql("select article_key, story_key from dim_article").fetchall())


def test_a_copy_in_a_later_run_joins_the_stored_story(warehouse):
    load(warehouse, "r1", [(100, KYRGYZ, 27, "New Kyrgyz election scheduled"),
                           (200, TEXTS["ID72883"], 27, "Lady Bird Johnson out of hospital")])
    assert stories(warehouse) == {100: 100, 200: 200}
    assert warehouse.sql("select count(*) from story_lsh_band").fetchone() == (64,)

    load(warehouse, "r2", [(50, edited_copy(KYRGYZ), 28, "Kyrgyzstan to vote again"),
                           (60, TEXTS["ID74062"], 28, "Lady Bird Johnson dies at 94")])
    # The copy (a smaller key, a day later) joins 100's story; her death is another story.
    assert stories(warehouse) == {100: 100, 200: 200, 50: 100, 60: 60}


def test_an_older_copy_becomes_the_first_of_the_stored_story(warehouse):
    load(warehouse, "r1", [(100, KYRGYZ, 27, "New Kyrgyz election scheduled")])
    load(warehouse, "r2", [(50, edited_copy(KYRGYZ), 28, "Kyrgyzstan to vote again")])
    # A backfill adds a copy published the day before both: every member moves to it.
    load(warehouse, "r3", [(900, f"{KYRGYZ} {BOILERPLATE}", 26, "Kyrgyz vote")])
    assert stories(warehouse) == {100: 900, 50: 900, 900: 900}


def test_a_changed_or_retired_article_splits_its_story_again(warehouse):
    # B bridges A and C (A plus half of another text; C is B without A's first third).
    a_words, extra = KYRGYZ.split(), TEXTS["ID25437"].split()[:100]
    a, b, c = (" ".join(words) for words in (a_words, a_words + extra, a_words[100:] + extra))
    load(warehouse, "r1", [(1, a, 26, "A"), (2, b, 27, "B"), (3, c, 28, "C")])
    assert stories(warehouse) == {1: 1, 2: 1, 3: 1}

    # B changes into another story: A and C are two stories again, B a third.
    load(warehouse, "r2", [(2, TEXTS["ID74062"], 27, "B, changed")], replaced=(2,))
    assert stories(warehouse) == {1: 1, 2: 2, 3: 3}

    # B comes back, then A is retired (its file no longer holds it): C leads B's story.
    load(warehouse, "r3", [(2, b, 27, "B")], replaced=(2,))
    assert stories(warehouse) == {1: 1, 2: 1, 3: 1}
    load(warehouse, "r4", [], replaced=(1,))
    assert stories(warehouse) == {2: 2, 3: 2}
    assert warehouse.sql("select count(distinct article_key), count(*) "
                         "from story_lsh_band").fetchone() == (2, 64)


def test_any_load_order_gives_the_same_stories():
    articles = [
        (100, KYRGYZ, 27, "A"), (50, edited_copy(KYRGYZ), 28, "B"),
        (900, f"{KYRGYZ} {BOILERPLATE}", 26, "C"), (200, TEXTS["ID72883"], 27, "D"),
        (60, TEXTS["ID74062"], 28, "E"), (61, TEXTS["ID36511"], 28, "F"),
        (62, TEXTS["ID36520"], 28, "G"),
    ]
    results = []
    for batches in ([articles], [articles[::-1]],
                    [[article] for article in articles],
                    [[article] for article in articles[::-1]]):
        connection = connect_memory()
        migrate(connection)
        for number, batch in enumerate(batches):
            load(connection, f"r{number}", batch)
        results.append(stories(connection))
        connection.close()
    assert results[0] == {100: 900, 50: 900, 900: 900, 200: 200, 60: 60, 61: 61, 62: 61}
    assert all(result == results[0] for result in results)


def test_a_rebuilt_day_keeps_its_stories(warehouse):
    load(warehouse, "r1", [(100, KYRGYZ, 27, "A"), (200, TEXTS["ID72883"], 27, "D")])
    load(warehouse, "r2", [(50, edited_copy(KYRGYZ), 28, "B")])
    before = stories(warehouse)
    # A backfill rebuilds day 27: every article of the day is replaced by itself.
    load(warehouse, "r3", [(100, KYRGYZ, 27, "A"), (200, TEXTS["ID72883"], 27, "D")],
         replaced=(100, 200))
    assert stories(warehouse) == before == {100: 100, 200: 200, 50: 100}
    assert warehouse.sql("select count(*) from story_lsh_band").fetchone() == (96,)
    assert date(2005, 3, 27) in {row[0] for row in warehouse.sql(
        "select published_date from dim_article").fetchall()}


def test_articles_before_version_7_are_their_own_stories(warehouse):
    """A warehouse migrated from version 6 keeps its articles, each its own story, with no
    bands: a later copy cannot find them until a backfill writes their bands."""
    load(warehouse, "r1", [(100, KYRGYZ, 27, "A")])
    warehouse.execute("delete from story_lsh_band")  # as migration 0007 leaves them
    load(warehouse, "r2", [(50, edited_copy(KYRGYZ), 28, "B")])
    assert stories(warehouse) == {100: 100, 50: 50}
    load(warehouse, "r3", [(100, KYRGYZ, 27, "A")], replaced=(100,))  # the backfill
    assert stories(warehouse) == {100: 100, 50: 100}




def test_migration_7_makes_each_stored_article_its_own_story():
    """A warehouse of version 6 (dim_article without story_key, no bands) migrated: every
    article its own story, the story checks pass, and a new copy loads next to it."""
    connection = connect_memory()
    migrate(connection)
    connection.execute("drop table story_lsh_band")
    connection.execute("alter table dim_article drop column story_key")
    connection.execute("delete from schema_migration where version >= 7")
    old = pl.DataFrame([dim_article(key, text, 27, "T", "r0") for key, text in
                        ((100, KYRGYZ), (200, TEXTS["ID72883"]))],
                       schema_overrides={"published_date": pl.Date()})
    with staged(connection, {"old": old}):
        connection.execute("insert into dim_article by name select * from staged_old")

    assert migrate(connection) >= 7
    assert stories(connection) == {100: 100, 200: 200}
    for check in STORY_CHECKS:
        assert connection.execute(read_sql(check), {"run_id": "r0"}).fetchall() == []
    load(connection, "r1", [(50, edited_copy(KYRGYZ), 28, "B")])
    assert stories(connection) == {100: 100, 200: 200, 50: 50}
