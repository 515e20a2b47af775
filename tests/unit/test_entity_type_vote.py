"""Type by vote."""

import polars as pl
from polars.testing import assert_frame_equal

from newsetl.transforms.entities.type_vote import vote_entity_type


def counts(rows):
    return pl.DataFrame(
        rows, schema={"entity_key": pl.Int64, "label": pl.String, "mentions": pl.Int64},
        orient="row",
    )  # fmt: skip


def test_majority_wins_and_rows_of_one_label_add_up():
    out = vote_entity_type(counts([(1, "ORG", 2), (1, "PERSON", 3), (1, "ORG", 2), (2, "GPE", 1)]))
    expected = pl.DataFrame(
        {"entity_key": [1, 2], "entity_type": ["ORG", "GPE"]},
        schema={"entity_key": pl.Int64, "entity_type": pl.String},
    )
    assert_frame_equal(out, expected)


def test_ties_are_deterministic():
    a = vote_entity_type(counts([(1, "ORG", 1), (1, "GPE", 1), (1, "PERSON", 1)]))
    b = vote_entity_type(counts([(1, "PERSON", 1), (1, "GPE", 1), (1, "ORG", 1)]))
    assert a["entity_type"].to_list() == b["entity_type"].to_list() == ["PERSON"]
    c = vote_entity_type(counts([(1, "ORG", 2), (1, "GPE", 2)]))
    assert c["entity_type"].to_list() == ["GPE"]
    d = vote_entity_type(counts([(1, "WEIRD", 1), (1, "ALSO_WEIRD", 1)]))
    assert d["entity_type"].to_list() == ["ALSO_WEIRD"]


def test_empty_in_empty_out():
    out = vote_entity_type(counts([]))
    assert out.schema == {"entity_key": pl.Int64, "entity_type": pl.String}
    assert out.is_empty()


def test_a_tie_of_an_entity_the_gazetteer_links_goes_to_its_place_label():
    linked = counts([(1, "PERSON", 1), (1, "GPE", 1), (2, "PERSON", 2), (2, "GPE", 2),
                     (3, "PERSON", 3), (3, "GPE", 2)]).with_columns(
        linked_place=pl.col("entity_key") != 2)
    out = vote_entity_type(linked)
    # the tie of the linked entity 1 is its place; entity 2, unlinked, and the majority of
    # entity 3 are as before
    assert out.sort("entity_key")["entity_type"].to_list() == ["GPE", "PERSON", "PERSON"]


def test_a_person_organisation_tie_of_a_one_word_name_goes_to_organisation():
    rows = counts([(1, "PERSON", 2), (1, "ORG", 2), (2, "PERSON", 2), (2, "ORG", 2),
                   (3, "ORG", 1), (3, "GPE", 1), (4, "PERSON", 3), (4, "ORG", 2),
                   (5, "PERSON", 1), (5, "GPE", 1), (5, "ORG", 1)])
    flags = rows.with_columns(one_word=pl.col("entity_key") != 2)
    out = vote_entity_type(flags).sort("entity_key")
    # "Dell" (1) is a company; a name of two words (2), an organisation and place tie (3)
    # and a majority (4) are as before; a three-way tie with ORG in it (5) is ORG
    assert out["entity_type"].to_list() == ["ORG", "PERSON", "GPE", "PERSON", "ORG"]
