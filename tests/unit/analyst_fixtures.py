"""A small hand-written warehouse for the analyst-side tests (marts, sql, search, report).

Four articles in January–February 2006 from two sources, four entities, date mentions of
every relation, two runs, quarantine rows. Expected values in the tests are worked out by
hand from these rows, so change them only together.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from newsetl.settings import WarehouseTarget
from newsetl.transforms.dates.calendar import period_end
from newsetl.warehouse.backend import connect_warehouse
from newsetl.warehouse.connection import connect_writer
from newsetl.warehouse.migrate import migrate
from newsetl.warehouse.publish import publish, refresh_aggregates
from newsetl.warehouse.search_index import rebuild_search_index

ALICE, ACME, FRANCE, PARIS = 10, 20, 30, 40
SOURCES = [(1, "Wikinews"), (2, "Daily Planet")]
ENTITIES = [(ALICE, "Alice Smith", "PERSON"), (ACME, "Acme Corp", "ORG"),
            (FRANCE, "France", "GPE"), (PARIS, "Paris", "GPE")]
# article_key, published_at, source_key, title, text
ARTICLES = [
    (1, datetime(2006, 1, 2, 9, 30, tzinfo=UTC), 1, "Acme opens an office in Paris",
     "Acme Corp opened a new office in Paris, France on Monday. Alice Smith said a second "
     "office will open next week."),
    (2, datetime(2006, 1, 3, 14, 0, tzinfo=UTC), 1, "Alice Smith joins Acme",
     "Alice Smith joined Acme Corp as chief engineer. She worked in France in 2004."),
    (3, datetime(2006, 1, 10, 18, 45, tzinfo=UTC), 2, "French election results",
     "France held a regional election. Paris voted heavily for the incumbents. Full results "
     "come in March 2006, the last vote of the 2000s decade's middle."),
    (4, datetime(2006, 2, 15, 7, 0, tzinfo=UTC), 2, "Acme profits rise",
     "Acme Corp reported record profits yesterday. Alice Smith was pleased with the office "
     "openings.\x1b[31m"),
]
# article_key → story_key of the articles that are copies of an earlier one's story (the
# others are their own story): article 2 is filed as a copy of article 1's story.
STORY_KEYS = {2: 1}
# article_key, entity_key, mention_count
ARTICLE_ENTITIES = [
    (1, ACME, 1), (1, PARIS, 1), (1, FRANCE, 1), (1, ALICE, 1),
    (2, ALICE, 2), (2, ACME, 1), (2, FRANCE, 1),
    (3, FRANCE, 1), (3, PARIS, 1),
    (4, ACME, 2), (4, ALICE, 1),
]
# article_key, surface_text, resolved_date, resolution, unresolved_reason
DATE_MENTIONS = [
    (1, "Monday", date(2006, 1, 2), "day", None),
    (1, "next week", date(2006, 1, 9), "week", None),
    (2, "2004", date(2004, 1, 1), "year", None),
    (3, "March 2006", date(2006, 3, 1), "month", None),
    (3, "the 2000s", date(2000, 1, 1), "decade", None),
    (4, "yesterday", date(2006, 2, 14), "day", None),
    (4, "some day", None, None, "vague"),
]
# article_key, surface_text, kind, value, unit, scale_word, unparsed_reason (sentence 0, where
# every fixture entity is named)
AMOUNT_MENTIONS = [
    (1, "$2 million", "money", 2e6, "USD", "million", None),
    (4, "$3.5 billion", "money", 3.5e9, "USD", "billion", None),
    (4, "€40m", "money", 4e7, "EUR", "million", None),
    (4, "12%", "percent", 12.0, "%", None, None),
    (4, "millions of dollars", "money", None, None, None, "vague"),
]
# author_key, author_name; then article_key, author_key, author_position (byline order)
AUTHORS = [(100, "Jane Doe"), (200, "José Álvarez")]
ARTICLE_AUTHORS = [(1, 100, 1), (2, 100, 1), (2, 200, 2), (3, 200, 1)]
# article_key, section, keywords
ARTICLE_METADATA = [(1, "Business", ["Acme", "Paris"]), (3, "Politics", ["election"])]
# run_id, field_name, records, example_file
IGNORED_FIELDS = [("run-1", "date_download", 3, "inbox/1.json"),
                  ("run-2", "internal_score", 1, "inbox/batch.csv")]
# article_key, sentence_index, tone (VADER compound); the mentions above are in sentence 0
SENTENCE_TONES = [
    (1, 0, 0.0), (1, 1, 0.0),
    (2, 0, 0.296), (2, 1, 0.0),
    (3, 0, 0.0), (3, 1, 0.0), (3, 2, 0.0),
    (4, 0, 0.6808), (4, 1, 0.4404),
]
RUNS = [  # run_id, started_at, seconds, status, articles_new, articles_changed, quarantined
    ("run-1", datetime(2006, 2, 1, 2, 0, tzinfo=UTC), 12.5, "succeeded", 3, 0, 2),
    ("run-2", datetime(2006, 2, 16, 2, 0, tzinfo=UTC), 4.0, "succeeded", 1, 1, 1),
]
QUARANTINE = [("run-1", "a.json", 1, "no_text"), ("run-1", "b.json", None, "malformed_json"),
              ("run-2", "c.csv", 3, "no_text")]
RECORDS = [  # run_id, record_number, outcome, reason_code
    ("run-2", 1, "new", None), ("run-2", 2, "changed", None), ("run-2", 3, "quarantined",
                                                              "no_text"),
    ("run-2", 4, "unchanged", None), ("run-2", 5, "unchanged", None),
]


def date_key(day: date) -> int:
    """The warehouse's yyyymmdd key."""
    return day.year * 10000 + day.month * 100 + day.day


def fill(connection: duckdb.DuckDBPyConnection) -> None:
    """Insert the golden rows into a migrated warehouse."""
    run = "run-1"
    connection.executemany("insert into dim_source values (?, ?, ?)",
                           [(*row, run) for row in SOURCES])
    connection.executemany("insert into dim_entity values (?, ?, ?, null, ?)",
                           [(*row, run) for row in ENTITIES])
    published = {key: at for key, at, *_ in ARTICLES}
    connection.executemany(
        "insert into dim_article (article_key, article_id, natural_key, url, title, "
        "published_at, published_date, published_date_key, source_key, language, word_count, "
        "char_count, text, content_hash, file_path, record_number, run_id, story_key, "
        "language_source) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'en', ?, ?, ?, ?, ?, 1, ?, ?, "
        "'declared')",
        [(key, f"{key:032x}", f"https://news.example/{key}", f"https://news.example/{key}",
          title, at, at.date(), date_key(at.date()), source, len(text.split()), len(text),
          text, f"hash{key}", f"inbox/{key}.json", run, STORY_KEYS.get(key, key))
         for key, at, source, title, text in ARTICLES])
    connection.executemany(
        "update dim_article set section = ?, keywords = ? where article_key = ?",
        [(section, keywords, key) for key, section, keywords in ARTICLE_METADATA])
    connection.executemany("insert into dim_author values (?, ?, lower(strip_accents(?)), ?)",
                           [(key, name, name, run) for key, name in AUTHORS])
    connection.executemany("insert into bridge_article_author values (?, ?, ?, ?, ?)",
                           [(article, author, position, dict(AUTHORS)[author], run)
                            for article, author, position in ARTICLE_AUTHORS])
    connection.executemany("insert into etl_ignored_field values (?, ?, ?, ?)", IGNORED_FIELDS)
    connection.executemany(
        "insert into fct_article_entity values (?, ?, ?, ?, ?, ?)",
        [(article, entity, date_key(published[article].date()), count, 0, run)
         for article, entity, count in ARTICLE_ENTITIES])
    names = {key: name for key, name, _ in ENTITIES}
    connection.executemany(
        "insert into fct_entity_mention values (?, ?, ?, ?, 'X', ?, ?, 0, 'exact', null, ?)",
        [(article, entity, date_key(published[article].date()), names[entity], 10 * n,
          10 * n + 5, run)
         for article, entity, count in ARTICLE_ENTITIES for n in range(count)])
    connection.executemany(
        "insert into fct_date_mention values (?, ?, ?, ?, ?, 0, 'rule', ?, ?, ?, ?, false, ?, "
        "?, ?, ?)",
        [(article, date_key(published[article].date()), text, 20 * n, 20 * n + len(text),
          resolved, date_key(resolved) if resolved else None, resolution, reason, run,
          resolved, period_end(resolved, resolution) if resolved else None,
          "publication" if resolved else None)
         for n, (article, text, resolved, resolution, reason) in enumerate(DATE_MENTIONS)])
    connection.executemany(
        "insert into fct_amount_mention values (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, null, null, "
        "null, ?, ?)",
        [(article, date_key(published[article].date()), text, 30 * n, 30 * n + len(text), kind,
          value, unit, scale, reason, run)
         for n, (article, text, kind, value, unit, scale, reason) in enumerate(AMOUNT_MENTIONS)])
    connection.executemany(
        "insert into fct_sentence_tone values (?, ?, ?, ?, ?, ?, ?)",
        [(article, date_key(published[article].date()), index, 50 * index, 50 * index + 40,
          tone, run) for article, index, tone in SENTENCE_TONES])
    connection.execute(
        "insert into fct_article_tone select article_key, any_value(published_date_key), "
        "avg(tone), count(*), avg((tone >= 0.05)::int), avg((tone <= -0.05)::int), "
        "'vadersentiment-3.3.2', any_value(run_id) from fct_sentence_tone group by all")
    connection.executemany(
        "insert into etl_run (run_id, run_kind, status, started_at, finished_at, seconds, "
        "newsetl_version, model_name, model_version, rules_version, articles_new, "
        "articles_changed, records_quarantined) values "
        "(?, 'nightly', ?, ?, ?::timestamptz + to_microseconds(cast(? * 1e6 as bigint)), ?, "
        "'test', 'model', '1', 'rules', ?, ?, ?)",
        [(run_id, status, at, at, seconds, seconds, new, changed, quarantined)
         for run_id, at, seconds, status, new, changed, quarantined in RUNS])
    connection.executemany(
        "insert into quarantine (run_id, file_path, record_number, reason_code) "
        "values (?, ?, ?, ?)", QUARANTINE)
    connection.executemany(
        "insert into etl_record (run_id, file_path, record_number, outcome, reason_code) "
        "values (?, 'inbox/batch.json', ?, ?, ?)", RECORDS)


def sample_writer(folder: Path) -> Path:
    """A writer warehouse file with the golden rows, closed.

    `fill` writes around the load, so the tables the load keeps for readers (search terms,
    co-occurrence aggregate) are computed from scratch after it, as the load would have.
    """
    path = folder / "writer" / "newsetl.duckdb"
    connection = connect_writer(path)
    _write_golden(connection)
    return path


def _write_golden(connection: duckdb.DuckDBPyConnection) -> None:
    """Migrate, fill with the golden rows and build the readers' tables; closes `connection`."""
    try:
        migrate(connection)
        fill(connection)
        rebuild_search_index(connection)
        refresh_aggregates(connection)
    finally:
        connection.close()


def sample_lake(folder: Path) -> WarehouseTarget:
    """The golden warehouse on the ducklake backend (a SQLite catalog and a data folder in
    `folder`), written as `sample_writer` writes the file; its target."""
    target = WarehouseTarget(path=folder / "newsetl.duckdb", backend="ducklake",
                             catalog=str(folder / "newsetl.ducklake.sqlite"),
                             data_path=f"{folder / 'lake'}/")
    connection = connect_warehouse(target)
    _write_golden(connection)
    return target


def sample_published(folder: Path) -> Path:
    """The golden warehouse, published (a copy of the closed writer file); its path."""
    return publish(sample_writer(folder), folder / "published" / "newsetl.duckdb").path
