"""Star rows: date keys, dim_article counts, mention facts and their roll-up."""

from datetime import UTC, date, datetime

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsetl.transforms.metadata.columns import METADATA_COLUMNS
from newsetl.transforms.star_rows import (
    alias_rows,
    article_entity_rows,
    article_rows,
    date_key,
    date_mention_rows,
    entity_mention_rows,
    entity_rows,
    source_rows,
)
from newsetl.warehouse.connection import connect_memory
from newsetl.warehouse.migrate import migrate

METADATA_TYPES = {name: dtype for name, dtype in METADATA_COLUMNS.items() if name != "authors"}
NO_DATABASE = settings(database=None, deadline=None, max_examples=100)
RUN = "run-1"


def articles(*rows: tuple[str, int, str, date]) -> pl.DataFrame:
    """(article_id, article_key, text, published_date) with the other columns filled in."""
    return pl.DataFrame(
        [
            {
                "article_key": key, "article_id": article_id, "natural_key": f"n/{article_id}",
                "url": None, "title": f"Title {article_id}",
                "published_at": datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
                "published_date": day, "source_key": 7, "source_name": "example.com",
                "language": "en", "text": text, "content_hash": f"h-{article_id}",
                "file_path": "a.jsonl", "record_number": i,
                "description": None, "section": None, "keywords": [], "image_url": None,
                "modified_at": None,
            }
            for i, (article_id, key, text, day) in enumerate(rows, start=1)
        ],
        schema_overrides={"url": pl.String(), "published_at": pl.Datetime("us", "UTC"),
                          "record_number": pl.Int32(), **METADATA_TYPES},
    )  # fmt: skip


MENTION_SCHEMA = {
    "article_id": pl.String(), "entity_key": pl.Int64(), "surface_text": pl.String(),
    "label": pl.String(), "start_char": pl.Int32(), "end_char": pl.Int32(),
    "sentence_index": pl.Int32(), "match_rule": pl.String(), "match_score": pl.Float64(),
}  # fmt: skip


def mentions(*rows: tuple[str, int, int]) -> pl.DataFrame:
    """(article_id, entity_key, start_char) mentions."""
    return pl.DataFrame(
        [(a, e, f"E{e}", "PERSON", s, s + 3, 0, "exact", None) for a, e, s in rows],
        schema=MENTION_SCHEMA, orient="row",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("day", "key"),
    [(date(2024, 2, 17), 20240217), (date(1800, 1, 1), 18000101), (date(2199, 12, 31), 21991231),
     (date(2024, 10, 5), 20241005), (None, None)],
)
def test_date_key_is_yyyymmdd_and_null_stays_null(day, key):
    frame = pl.DataFrame({"day": [day]}, schema={"day": pl.Date()})
    result = frame.select(date_key(pl.col("day")))
    assert result.dtypes == [pl.Int32()]
    assert result.item() == key


def test_article_rows_counts_words_and_characters():
    frame = articles(
        ("A", 1, "Erdogan  met\nel-Sissi.\n\nIn Cairo", date(2024, 2, 17)),
        ("B", 2, "é", date(2009, 3, 5)),
    )
    result = article_rows(frame, RUN)
    assert result.select("article_id", "word_count", "char_count", "published_date_key").rows() \
        == [("A", 5, 32, 20240217), ("B", 1, 1, 20090305)]
    assert result["run_id"].to_list() == [RUN, RUN]
    assert result.schema["word_count"] == pl.Int32()


def test_star_rows_insert_by_name_into_their_tables():
    connection = connect_memory()
    migrate(connection)
    frame = articles(("A", 1, "Erdogan met el-Sissi.", date(2024, 2, 17)))
    mention_rows = entity_mention_rows(mentions(("A", 10, 0)), frame, RUN)
    dates = date_mention_rows(date_mentions(("A", date(2024, 2, 14))), frame, RUN)
    entities = pl.DataFrame(
        {"entity_key": [10], "canonical_name": ["Recep Tayyip Erdogan"], "entity_type": ["PERSON"],
         "linked_entity_key": [None]},
        schema_overrides={"linked_entity_key": pl.Int64()},
    )
    aliases = pl.DataFrame({"surface_form": ["Erdogan"], "entity_key": [10],
                            "match_rule": ["short_form"], "match_score": [None]},
                           schema_overrides={"match_score": pl.Float64()})
    tables = {
        "dim_article": article_rows(frame, RUN),
        "dim_source": source_rows(frame, RUN),
        "dim_entity": entity_rows(entities, RUN),
        "dim_entity_alias": alias_rows(aliases, RUN),
        "fct_entity_mention": mention_rows,
        "fct_article_entity": article_entity_rows(mention_rows),
        "fct_date_mention": dates,
    }
    for table, rows in tables.items():
        connection.register("staged", rows)
        connection.execute(f"insert into {table} by name select * from staged")
        connection.unregister("staged")
        assert connection.sql(f"select count(*) from {table}").fetchone() == (1,), table


def test_source_rows_one_per_source_key():
    frame = articles(("A", 1, "x", date(2024, 1, 1)), ("B", 2, "y", date(2024, 1, 2)))
    assert source_rows(frame, RUN).rows() == [(7, "example.com", RUN)]


def test_mentions_are_keyed_to_their_articles_date():
    frame = articles(("A", 1, "x", date(2024, 2, 17)), ("B", 2, "y", date(2023, 1, 2)))
    result = entity_mention_rows(mentions(("B", 10, 4), ("A", 10, 0)), frame, RUN)
    assert result.select("article_key", "entity_key", "published_date_key", "mention_label",
                         "start_char", "run_id").sort("article_key").rows() == [
        (1, 10, 20240217, "PERSON", 0, RUN),
        (2, 10, 20230102, "PERSON", 4, RUN),
    ]


def test_article_entity_roll_up():
    frame = articles(("A", 1, "x", date(2024, 2, 17)), ("B", 2, "y", date(2023, 1, 2)))
    rows = entity_mention_rows(
        mentions(("A", 10, 40), ("A", 11, 5), ("A", 10, 12), ("B", 10, 3), ("A", 10, 30)),
        frame, RUN,
    )
    result = article_entity_rows(rows).sort("article_key", "entity_key")
    assert result.rows() == [
        (1, 10, 20240217, 3, 12, RUN),
        (1, 11, 20240217, 1, 5, RUN),
        (2, 10, 20230102, 1, 3, RUN),
    ]
    assert result.columns == ["article_key", "entity_key", "published_date_key",
                              "mention_count", "first_start_char", "run_id"]


@NO_DATABASE
@given(st.lists(st.tuples(st.sampled_from(["A", "B", "C"]), st.integers(1, 4),
                          st.integers(0, 500)), max_size=30))
def test_roll_up_counts_equal_mention_rows(rows):
    frame = articles(("A", 1, "x", date(2024, 2, 17)), ("B", 2, "y", date(2023, 1, 2)),
                     ("C", 3, "z", date(2022, 5, 6)))
    mention_rows = entity_mention_rows(mentions(*rows), frame, RUN)
    rolled = article_entity_rows(mention_rows)
    assert mention_rows.height == len(rows)
    assert rolled["mention_count"].sum() == len(rows)
    pairs = mention_rows.group_by("article_key", "entity_key").agg(
        pl.len().alias("n"), pl.col("start_char").min().alias("first")
    )
    expected = sorted(pairs.rows())
    assert sorted(rolled.select("article_key", "entity_key", "mention_count",
                                "first_start_char").rows()) == expected


DATE_MENTION_SCHEMA = {
    "article_id": pl.String(), "surface_text": pl.String(), "start_char": pl.Int32(),
    "end_char": pl.Int32(), "sentence_index": pl.Int32(), "detector": pl.String(),
    "resolved_date": pl.Date(), "resolution": pl.String(), "unresolved_reason": pl.String(),
    "is_ambiguous": pl.Boolean(), "resolved_start": pl.Date(), "resolved_end": pl.Date(),
    "anchor": pl.String(),
}  # fmt: skip


def date_mentions(*rows: tuple[str, date | None]) -> pl.DataFrame:
    return pl.DataFrame(
        [(a, "Tuesday", 0, 7, 0, "spacy", d, "day" if d else None,
          None if d else "no_anchor", False, d, d, "publication" if d else None)
         for a, d in rows],
        schema=DATE_MENTION_SCHEMA, orient="row",
    )  # fmt: skip


def test_date_mention_rows_key_resolved_dates_and_keep_unresolved():
    frame = articles(("A", 1, "x", date(2024, 2, 17)))
    result = date_mention_rows(date_mentions(("A", date(2024, 2, 13)), ("A", None)), frame, RUN)
    assert result.select("article_key", "published_date_key", "resolved_date_key",
                         "unresolved_reason", "resolved_start", "resolved_end",
                         "anchor").rows() == [
        (1, 20240217, 20240213, None, date(2024, 2, 13), date(2024, 2, 13), "publication"),
        (1, 20240217, None, "no_anchor", None, None, None),
    ]


def test_dim_entity_and_alias_rows_carry_the_run():
    entities = pl.DataFrame({"entity_key": [1], "canonical_name": ["Egypt"],
                             "entity_type": ["GPE"], "linked_entity_key": [None], "x": [0]})
    assert entity_rows(entities, RUN).columns == [
        "entity_key", "canonical_name", "entity_type", "linked_entity_key", "run_id"]
    aliases = pl.DataFrame({"surface_form": ["Egyptian"], "entity_key": [1],
                            "match_rule": ["demonym"], "match_score": [None]})
    assert alias_rows(aliases, RUN).row(0) == ("Egyptian", 1, "demonym", None, RUN)

