"""load_batch: one transaction per batch; replaced articles lose their old facts."""

from dataclasses import replace
from datetime import UTC, date, datetime

import duckdb
import polars as pl
import pytest

from newsetl.flows.loading import load_batch
from newsetl.transforms.entities.keys import entity_key
from newsetl.transforms.keys import stable_key
from newsetl.warehouse.load import LoadBatch
from newsetl.warehouse.sql_files import read_sql
from tests.reference import reference_data

GAZETTEER = reference_data().gazetteer

# Every table a batch writes, with a query counting the rows of one run in it.
BATCH_TABLES = {
    "raw_article": "select count(*) from raw_article where run_id = ?",
    "dim_article": "select count(*) from dim_article where run_id = ?",
    "dim_source": "select count(*) from dim_source where run_id = ?",
    "dim_entity": "select count(*) from dim_entity where run_id = ?",
    "dim_entity_alias": "select count(*) from dim_entity_alias where run_id = ?",
    "fct_entity_mention": "select count(*) from fct_entity_mention where run_id = ?",
    "fct_article_entity": "select count(*) from fct_article_entity where run_id = ?",
    "fct_date_mention": "select count(*) from fct_date_mention where run_id = ?",
    "fct_article_tone": "select count(*) from fct_article_tone where run_id = ?",
    "fct_sentence_tone": "select count(*) from fct_sentence_tone where run_id = ?",
    "etl_record": "select count(*) from etl_record where run_id = ?",
    "etl_file": "select count(*) from etl_file where run_id = ?",
    "quarantine": "select count(*) from quarantine where run_id = ?",
    "etl_file_state": "select count(*) from etl_file_state where last_run_id = ?",
}


def article_batch(run_id: str, article_id: str, article_key: int, content_hash: str, *,
                  entity_key: int = 100, label: str = "PERSON", mentions: int = 1,
                  surface: str = "Erdogan", source_key: int = 7, file_path: str | None = None,
                  replaces: bool = False) -> LoadBatch:
    """Every row a batch loading one article writes (one file, one record, one quarantined
    record), shaped like the flow's frames."""
    path = file_path or f"{article_id}.jsonl"
    published = datetime(2024, 2, 17, 9, tzinfo=UTC)
    text = "Erdogan met el-Sissi in Cairo on Wednesday."
    mention_rows = pl.DataFrame({
        "article_key": [article_key] * mentions,
        "entity_key": [entity_key] * mentions,
        "published_date_key": pl.Series([20240217] * mentions, dtype=pl.Int32()),
        "surface_text": [surface] * mentions,
        "mention_label": [label] * mentions,
        "start_char": pl.Series(range(0, 10 * mentions, 10), dtype=pl.Int32()),
        "end_char": pl.Series(range(7, 10 * mentions + 7, 10), dtype=pl.Int32()),
        "sentence_index": pl.Series([0] * mentions, dtype=pl.Int32()),
        "match_rule": ["exact"] * mentions,
        "match_score": pl.Series([None] * mentions, dtype=pl.Float64()),
        "run_id": [run_id] * mentions,
    })
    return LoadBatch(
        replaced_article=(
            pl.DataFrame({"article_id": [article_id], "article_key": [article_key]})
            if replaces else pl.DataFrame()
        ),
        raw_article=pl.DataFrame({
            "article_id": [article_id], "content_hash": [content_hash], "is_current": [True],
            "run_id": [run_id], "file_path": [path], "record_number": [1],
            "file_format": ["jsonl"], "encoding": ["utf-8"], "title": ["T"], "text": [text],
            "published_raw": ["2024-02-17T09:00:00Z"], "url": [None], "source": [None],
            "language": ["en"], "raw_record": ["{}"],
        }, schema_overrides={"url": pl.String(), "source": pl.String()}),
        dim_article=pl.DataFrame({
            "article_key": [article_key], "article_id": [article_id],
            "natural_key": [f"{path}#1"], "url": [None], "title": ["T"],
            "published_at": [published], "published_date": [date(2024, 2, 17)],
            "published_date_key": [20240217], "source_key": [source_key], "language": ["en"],
            "word_count": [8], "char_count": [len(text)], "text": [text],
            "content_hash": [content_hash], "file_path": [path], "record_number": [1],
            "run_id": [run_id], "story_key": [article_key],
        }, schema_overrides={"url": pl.String()}),
        dim_source=pl.DataFrame({"source_key": [source_key], "source_name": ["unknown"],
                                 "run_id": [run_id]}),
        dim_entity=pl.DataFrame({"entity_key": [entity_key], "canonical_name": [surface],
                                 "entity_type": [label], "linked_entity_key": [None],
                                 "run_id": [run_id]},
                                schema_overrides={"linked_entity_key": pl.Int64()}),
        dim_entity_alias=pl.DataFrame({"surface_form": [surface], "entity_key": [entity_key],
                                       "match_rule": ["exact"], "match_score": [None],
                                       "run_id": [run_id]},
                                      schema_overrides={"match_score": pl.Float64()}),
        fct_entity_mention=mention_rows,
        fct_article_entity=pl.DataFrame({
            "article_key": [article_key], "entity_key": [entity_key],
            "published_date_key": [20240217], "mention_count": [mentions],
            "first_start_char": [0], "run_id": [run_id],
        }),
        fct_date_mention=pl.DataFrame({
            "article_key": [article_key], "published_date_key": [20240217],
            "surface_text": ["Wednesday"], "start_char": [33], "end_char": [42],
            "sentence_index": [0], "detector": ["spacy"], "resolved_date": [date(2024, 2, 14)],
            "resolved_date_key": [20240214], "resolution": ["day"], "unresolved_reason": [None],
            "is_ambiguous": [False], "run_id": [run_id],
        }, schema_overrides={"unresolved_reason": pl.String()}),
        fct_article_tone=pl.DataFrame({
            "article_key": [article_key], "published_date_key": [20240217], "tone": [0.25],
            "sentence_count": [2], "positive_share": [0.5], "negative_share": [0.0],
            "scorer_version": ["vadersentiment-3.3.2"], "run_id": [run_id],
        }),
        fct_sentence_tone=pl.DataFrame({
            "article_key": [article_key] * 2, "published_date_key": [20240217] * 2,
            "sentence_index": [0, 1], "start_char": [0, 20], "end_char": [19, 42],
            "tone": [0.5, 0.0], "run_id": [run_id] * 2,
        }),
        etl_record=pl.DataFrame({
            "run_id": [run_id, run_id], "file_path": [path, path], "record_number": [1, 2],
            "article_id": [article_id, None], "content_hash": [content_hash, None],
            "outcome": ["changed" if replaces else "new", "quarantined"],
            "duplicate_of_article_id": [None, None], "reason_code": [None, "no_text"],
        }, schema_overrides={"duplicate_of_article_id": pl.String()}),
        etl_file=pl.DataFrame({
            "run_id": [run_id], "file_path": [path], "outcome": ["loaded"],
            "reason_code": [None], "file_format": ["jsonl"], "encoding": ["utf-8"],
            "size_bytes": [10], "mtime_ns": [1], "content_hash": [f"file-{content_hash}"],
            "records_seen": [2], "records_new": [0 if replaces else 1],
            "records_changed": [1 if replaces else 0], "records_unchanged": [0],
            "records_duplicate": [0], "records_quarantined": [1],
        }, schema_overrides={"reason_code": pl.String()}),
        quarantine=pl.DataFrame({
            "file_path": [path], "record_number": [2], "reason_code": ["no_text"],
            "detail": ["the record has no article text after cleaning"], "raw_payload": ["{}"],
            "stored_copy": [None], "run_id": [run_id],
        }, schema_overrides={"stored_copy": pl.String()}),
        etl_file_state=pl.DataFrame({
            "file_path": [path], "size_bytes": [10], "mtime_ns": [1],
            "content_hash": [f"file-{content_hash}"], "last_outcome": ["loaded"],
            "last_run_id": [run_id],
        }),
    )


def counts(connection: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, int]:
    return {table: connection.execute(query, [run_id]).fetchone()[0]
            for table, query in BATCH_TABLES.items()}


def test_a_batch_commits_every_table(warehouse):
    load_batch(warehouse, article_batch("r1", "A", 1, "h1", mentions=2))
    assert counts(warehouse, "r1") == {
        "raw_article": 1, "dim_article": 1, "dim_source": 1, "dim_entity": 1,
        "dim_entity_alias": 1, "fct_entity_mention": 2, "fct_article_entity": 1,
        "fct_date_mention": 1, "fct_article_tone": 1, "fct_sentence_tone": 2,
        "etl_record": 2, "etl_file": 1, "quarantine": 1,
        "etl_file_state": 1,
    }
    assert BATCH_TABLES.keys() == article_batch("r", "A", 1, "h").frames().keys() - {
        "replaced_article"}
    # committed: another connection to the same database sees the rows
    other = warehouse.cursor()
    assert counts(other, "r1") == counts(warehouse, "r1")


def test_an_empty_batch_writes_nothing(warehouse):
    assert LoadBatch().frames() == {}
    load_batch(warehouse, LoadBatch())
    assert set(counts(warehouse, "r1").values()) == {0}


def test_a_batch_failing_mid_way_leaves_nothing_of_itself(warehouse):
    load_batch(warehouse, article_batch("r1", "A", 1, "h1"))
    before = {table: warehouse.sql(f"select * from {table} order by all").fetchall()
              for table in BATCH_TABLES}
    # Batch 2: a new article whose article_key collides with A's (primary key violation at
    # the dim_article insert, after raw_article, sources and entities were written).
    failing = article_batch("r2", "B", 1, "h2", entity_key=200, source_key=8)
    with pytest.raises(duckdb.ConstraintException, match="article_key"):
        load_batch(warehouse, failing)

    assert set(counts(warehouse, "r2").values()) == {0}
    after = {table: warehouse.sql(f"select * from {table} order by all").fetchall()
             for table in BATCH_TABLES}
    assert after == before
    # the connection is usable: no transaction was left open
    load_batch(warehouse, article_batch("r3", "C", 3, "h3", entity_key=300))
    assert counts(warehouse, "r3")["dim_article"] == 1


@pytest.mark.parametrize("broken", ["fct_date_mention", "etl_file", "etl_file_state"])
def test_a_late_failure_rolls_back_the_early_tables(warehouse, broken):
    batch = article_batch("r1", "A", 1, "h1")
    # a not-null column left null fails the insert of that one table
    frame = getattr(batch, broken)
    column = {"fct_date_mention": "surface_text", "etl_file": "outcome",
              "etl_file_state": "last_outcome"}[broken]
    setattr(batch, broken, frame.with_columns(pl.lit(None, pl.String()).alias(column)))
    with pytest.raises(duckdb.ConstraintException):
        load_batch(warehouse, batch)
    assert set(counts(warehouse, "r1").values()) == {0}


def test_replacing_an_article_deletes_its_old_facts(warehouse):
    load_batch(warehouse, article_batch("r1", "A", 1, "h1", mentions=3))
    load_batch(warehouse, article_batch("r1", "B", 2, "hB", mentions=2))
    load_batch(warehouse, article_batch("r2", "A", 1, "h2", entity_key=101, replaces=True))

    def facts(table: str) -> list[tuple]:
        return warehouse.sql(
            f"select article_key, run_id, count(*) from {table} group by all order by all"
        ).fetchall()

    assert facts("fct_entity_mention") == [(1, "r2", 1), (2, "r1", 2)]
    assert facts("fct_article_entity") == [(1, "r2", 1), (2, "r1", 1)]
    assert facts("fct_date_mention") == [(1, "r2", 1), (2, "r1", 1)]
    assert facts("fct_article_tone") == [(1, "r2", 1), (2, "r1", 1)]
    assert facts("fct_sentence_tone") == [(1, "r2", 2), (2, "r1", 2)]
    assert warehouse.sql(
        "select article_key, content_hash, run_id from dim_article order by all"
    ).fetchall() == [(1, "h2", "r2"), (2, "hB", "r1")]
    assert warehouse.sql(
        "select article_id, content_hash, is_current from raw_article order by all"
    ).fetchall() == [("A", "h1", False), ("A", "h2", True), ("B", "hB", True)]
    # the old entity stays (dimensions are shared), the new one is added
    assert warehouse.sql("select entity_key from dim_entity order by 1").fetchall() == [
        (100,), (101,)]


def test_dimensions_already_present_are_not_inserted_again(warehouse):
    load_batch(warehouse, article_batch("r1", "A", 1, "h1"))
    load_batch(warehouse, article_batch("r2", "B", 2, "h2"))  # same keys
    assert warehouse.sql("select count(*), min(run_id) from dim_source").fetchone() == (1, "r1")
    assert warehouse.sql("select count(*), min(run_id) from dim_entity").fetchone() == (1, "r1")
    assert warehouse.sql("select count(*) from dim_entity_alias").fetchone() == (1,)


def test_entity_type_is_voted_over_all_its_mentions(warehouse):
    load_batch(warehouse, article_batch("r1", "A", 1, "h1", label="ORG"))
    assert warehouse.sql("select entity_type from dim_entity").fetchall() == [("ORG",)]
    load_batch(warehouse, article_batch("r2", "B", 2, "h2", label="PERSON", mentions=2))
    assert warehouse.sql("select entity_type from dim_entity").fetchall() == [("PERSON",)]


def test_entity_name_is_the_spelling_most_mentions_write(warehouse):
    key = entity_key("Erdogan")
    load_batch(warehouse, article_batch("r1", "A", 1, "h1", entity_key=key))
    assert warehouse.sql("select canonical_name from dim_entity").fetchall() == [("Erdogan",)]
    load_batch(warehouse, article_batch("r2", "B", 2, "h2", entity_key=key, surface="Erdoğan",
                                        mentions=2))
    assert warehouse.sql("select entity_key, canonical_name from dim_entity").fetchall() == [
        (key, "Erdoğan")]
    # replacing B's text by one that writes "Erdogan" twice turns the vote back
    load_batch(warehouse, article_batch("r3", "B", 2, "h3", entity_key=key, mentions=2,
                                        replaces=True))
    assert warehouse.sql("select canonical_name from dim_entity").fetchall() == [("Erdogan",)]


def test_file_state_is_replaced_not_duplicated(warehouse):
    load_batch(warehouse, article_batch("r1", "A", 1, "h1"))
    load_batch(warehouse, article_batch("r2", "A", 1, "h2", replaces=True))
    assert warehouse.sql(
        "select file_path, content_hash, last_run_id from etl_file_state"
    ).fetchall() == [("A.jsonl", "file-h2", "r2")]


def test_an_article_reverting_to_an_earlier_version_loads(warehouse):
    load_batch(warehouse, article_batch("r1", "A", 1, "h1"))
    load_batch(warehouse, article_batch("r2", "A", 1, "h2", replaces=True))
    load_batch(warehouse, article_batch("r3", "A", 1, "h1", replaces=True))
    assert warehouse.sql("select content_hash from dim_article").fetchall() == [("h1",)]
    assert warehouse.sql(
        "select content_hash from raw_article where is_current"
    ).fetchall() == [("h1",)]


def with_place(batch: LoadBatch, key: int, name: str, geonames_id: int, run_id: str) -> LoadBatch:
    """`batch` whose one entity is `name` keyed `key`, a city with `geonames_id`."""
    entity = batch.dim_entity.with_columns(entity_key=pl.lit(key, pl.Int64()),
                                           canonical_name=pl.lit(name))
    mentions = batch.fct_entity_mention.with_columns(entity_key=pl.lit(key, pl.Int64()))
    place = pl.DataFrame({
        "entity_key": [key], "geonames_id": [geonames_id], "feature_class": ["city"],
        "country_code": ["IQ"], "country_name": ["Iraq"], "admin1_code": [None],
        "admin1_name": [None], "latitude": [30.5], "longitude": [47.8],
        "unlinked_reason": [None], "run_id": [run_id],
    }, schema_overrides={"admin1_code": pl.String(), "admin1_name": pl.String(),
                         "unlinked_reason": pl.String()})
    return replace(batch, dim_entity=entity, fct_entity_mention=mentions, dim_place=place,
                   fct_article_entity=batch.fct_article_entity.with_columns(
                       entity_key=pl.lit(key, pl.Int64())))


def places_sharing_an_id(connection: duckdb.DuckDBPyConnection, run_id: str) -> list[tuple]:
    return connection.execute(read_sql("checks/assert_dim_place_one_geonames_id.sql"),
                              {"run_id": run_id}).fetchall()


def test_a_place_row_of_a_key_made_before_the_current_key_function_is_retired(warehouse):
    exact_spelling_key = stable_key("entity", "Basra")  # keys before rules 2026.12.14
    load_batch(warehouse, with_place(article_batch("r1", "A", 1, "h1"),
                                     exact_spelling_key, "Basra", 99532, "r1"))
    load_batch(warehouse, with_place(article_batch("r2", "B", 2, "h2"),
                                     entity_key("Basra"), "Basra", 99532, "r2"))
    assert warehouse.sql("select entity_key from dim_place").fetchall() == [
        (entity_key("Basra"),)]
    assert places_sharing_an_id(warehouse, "r2") == []


def test_a_place_row_an_older_gazetteer_named_is_retired(warehouse):
    # Before rules 2026.12.15 pycountry's bracketed Welsh name was part of Bangor's name.
    bangor = GAZETTEER.by_canonical["Bangor, Wales, United Kingdom"]
    old_name = "Bangor, Wales [Cymru GB-CYM], United Kingdom"
    load_batch(warehouse, with_place(article_batch("r1", "A", 1, "h1"),
                                     entity_key(old_name), old_name, bangor, "r1"))
    new_name = "Bangor, Wales, United Kingdom"
    load_batch(warehouse, with_place(article_batch("r2", "B", 2, "h2"),
                                     entity_key(new_name), new_name, bangor, "r2"),
               gazetteer=GAZETTEER)
    assert warehouse.sql("select entity_key from dim_place").fetchall() == [
        (entity_key(new_name),)]
    assert places_sharing_an_id(warehouse, "r2") == []


def test_a_current_place_row_is_kept_and_a_second_entity_on_it_fails_the_check(warehouse):
    basrah = GAZETTEER.by_canonical["Basrah"]
    load_batch(warehouse, with_place(article_batch("r1", "A", 1, "h1"),
                                     entity_key("Basrah"), "Basrah", basrah, "r1"))
    load_batch(warehouse, with_place(article_batch("r2", "B", 2, "h2"),
                                     entity_key("Al Basrah"), "Al Basrah", basrah, "r2"),
               gazetteer=GAZETTEER)
    assert places_sharing_an_id(warehouse, "r2") == [(basrah, 2)]


def test_two_current_entities_on_one_place_still_fail_the_check(warehouse):
    load_batch(warehouse, with_place(article_batch("r1", "A", 1, "h1"),
                                     entity_key("Basra"), "Basra", 99532, "r1"))
    load_batch(warehouse, with_place(article_batch("r2", "B", 2, "h2"),
                                     entity_key("Al Basrah"), "Al Basrah", 99532, "r2"))
    assert places_sharing_an_id(warehouse, "r2") == [(99532, 2)]
