"""Demonyms are their own entity, linked to their country."""

import polars as pl

from newsetl.transforms.entities.demonym import demonym_hit, linked_country_rows
from newsetl.transforms.entities.keys import entity_key
from newsetl.transforms.entities.normalize import normalize_entities
from newsetl.transforms.entities.schemas import ENTITY_SCHEMA
from tests.reference import reference_data

REFERENCE = reference_data()


def spans(rows):
    return pl.DataFrame(
        [("a1", i * 20, i * 20 + len(t), t, label, 0) for i, (t, label) in enumerate(rows)],
        schema=["article_id", "start_char", "end_char", "surface_text", "label", "sentence_index"],
        orient="row",
    )


def test_demonym_lookup_singular_and_plural():
    assert demonym_hit(REFERENCE, "Egyptians").canonical_name == "Egyptian"
    assert demonym_hit(REFERENCE, "egyptian").linked_name == "Egypt"
    assert demonym_hit(REFERENCE, "Egypt") is None


def test_demonym_mention_keeps_its_own_entity_and_links_the_country():
    out = normalize_entities(spans([("Egyptian", "NORP"), ("Egypt", "GPE")]), REFERENCE)
    mention = out.mentions.filter(pl.col("surface_text") == "Egyptian").row(0, named=True)
    assert mention["match_rule"] == "demonym"
    demonym = out.entities.filter(pl.col("entity_key") == mention["entity_key"]).row(0, named=True)
    assert demonym["canonical_name"] == "Egyptian"
    assert demonym["linked_entity_key"] == entity_key("Egypt")


def test_a_linked_country_never_mentioned_still_has_its_row():
    out = normalize_entities(spans([("Palestinians", "NORP")]), REFERENCE)
    names = dict(zip(out.entities["canonical_name"], out.entities["entity_type"], strict=True))
    assert names == {"Palestinian": "NORP", "State of Palestine": "GPE"}


def test_linked_country_rows_only_for_missing_keys():
    entities = pl.DataFrame(
        {
            "entity_key": [1],
            "canonical_name": ["Egypt"],
            "entity_type": ["GPE"],
            "linked_entity_key": [None],
        },
        schema=ENTITY_SCHEMA,
    )
    rows = linked_country_rows(entities, {1: "Egypt", 2: "Turkey"})
    assert rows["canonical_name"].to_list() == ["Turkey"]
    assert rows.schema == entities.schema
