"""A bare family name several full names share goes to the one the article names first; a
natural feature's name nests the place after "of" (rules of round gumc, issue 14)."""

import polars as pl
import pytest

from newsetl.transforms.entities.nested import add_nested_mentions, nested_places
from newsetl.transforms.entities.principal import principal
from newsetl.transforms.entities.resolve import resolve_article
from newsetl.transforms.entities.shortform import Candidate, resolve_people
from tests.reference import reference_data

REFERENCE = reference_data()


def test_the_full_name_named_first_and_before_the_bare_name_is_the_principal():
    assert principal(316, [0, 24]) == 0
    assert principal(2199, [1662, 1557]) == 1


@pytest.mark.parametrize(
    ("bare_first", "sharers_first"),
    [(None, [0, 24]), (10, [20, 30]), (10, [0, 0]), (10, [0, None]), (10, [0])],
)
def test_no_principal_without_order_or_a_clear_first_full_name(bare_first, sharers_first):
    assert principal(bare_first, sharers_first) is None


def test_a_family_name_goes_to_the_person_introduced_first_not_a_relative():
    resolved = resolve_people([
        Candidate("Antonín Dvořák", 2, True, True, 0),
        Candidate("Leopold Dvořák", 1, True, True, 24),
        Candidate("Dvořák", 11, True, True, 316),
    ])
    assert resolved["Dvořák"] == ("Antonín Dvořák", "short_form", None)
    assert resolved["Leopold Dvořák"][0] == "Leopold Dvořák"


def test_a_family_name_mentioned_before_any_full_name_stays_ambiguous():
    resolved = resolve_people([
        Candidate("George Bush", 1, True, True, 40),
        Candidate("Laura Bush", 1, True, True, 90),
        Candidate("Bush", 3, True, True, 0),
    ])
    assert "Bush" not in resolved


def test_a_given_name_shared_by_two_people_is_not_given_to_the_first():
    resolved = resolve_people([
        Candidate("Mary Chaworth", 1, True, True, 0),
        Candidate("Mary Shelley", 1, True, True, 50),
        Candidate("Mary", 2, True, True, 100),
    ])
    assert "Mary" not in resolved


def test_an_article_resolves_a_family_name_by_the_order_of_its_mentions():
    names = ["Matthew William Goode", "Goode", "Rose Goode", "Goode", "Ralph Goode"]
    starts = [0, 1226, 2299, 2400, 2342]
    resolved = resolve_article(names, ["PERSON"] * 5, REFERENCE, None, starts)
    assert resolved["Goode"].canonical_name == "Matthew William Goode"
    assert resolved["Rose Goode"].canonical_name == "Rose Goode"


def test_an_organisation_label_on_the_family_name_joins_the_principal_too():
    names = ["Walt Whitman", "George Whitman", "Whitman"]
    resolved = resolve_article(names, ["PERSON", "PERSON", "ORG"], REFERENCE, None,
                               [1557, 1662, 2199])
    assert resolved["Whitman"].canonical_name == "Walt Whitman"


@pytest.mark.parametrize(
    ("name", "places"),
    [("Gulf of Mexico", ["Mexico"]), ("Bay of Bengal", []), ("Asia Minor", []),
     ("California Coast", []),
     # a known place and its qualifier, as canonical place names are written: re-normalizing
     # a canonical name must add no mention (the idempotence property test found it)
     ("Portland, Oregon", []), ("Hawthorne, California", [])],
)
def test_a_natural_feature_nests_a_place_only_after_of_at_or_in(name, places):
    found = add_nested_mentions(pl.DataFrame({
        "article_id": ["a1"], "start_char": [0], "end_char": [len(name)],
        "surface_text": [name], "label": ["LOC"],
    }), REFERENCE)
    nested = found.filter(pl.col("label") == "GPE")["surface_text"].to_list()
    assert nested == places


def test_an_organisation_still_nests_a_leading_region():
    assert [n[s:e] for n in ["California State University"]
            for s, e in nested_places(n, REFERENCE)] == ["California"]


def test_a_city_leading_a_newspapers_name_is_nested():
    name = "San Francisco Bulletin"
    assert [name[s:e] for s, e in nested_places(name, REFERENCE)] == ["San Francisco"]
