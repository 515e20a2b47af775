"""Fuzzy merge guardrails (rapidfuzz)."""

import pytest

from newsetl.transforms.entities.fuzzy import given_name_score, person_score, reference_match
from tests.reference import reference_data

REFERENCE = reference_data()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Edrogan", "Erdogan"),
        ("Recep Tayyip Edrogan", "Recep Tayyip Erdogan"),
        ("Schroeder", "Gerhard Schröder"),
        ("Donald Rumsfield", "Donald Rumsfeld"),
    ],
)
def test_misspelt_family_names_merge(a, b):
    assert person_score(a, b) >= 85


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Laura Bush", "George Bush"),  # other given name
        ("George W. Bush", "George H. W. Bush"),  # other initials
        ("Martin Luther King III", "Martin Luther King"),  # generational suffix
        ("Partido Socialista Brasileiro", "Partido Republicano Brasileiro"),
        ("Bush", "Rush"),  # too short to tell
        ("Abbas", "Gabbas"),  # other first letter
        ("Hussein", "Hassan"),
    ],
)
def test_distinct_people_do_not_merge(a, b):
    assert person_score(a, b) is None


def test_a_misspelt_given_name_alone():
    assert given_name_score("Sadam", "Saddam Hussein") >= 85
    assert given_name_score("Sadam Hussein", "Saddam Hussein") is None


def test_misspelt_country_merges_with_its_score():
    hit, score = reference_match("Kyrgzstan", {"GPE"}, REFERENCE)
    assert hit.canonical_name == "Kyrgyzstan"
    assert hit.match_rule == "fuzzy"
    assert 92 <= score < 100


@pytest.mark.parametrize(("name", "known"), [
    ("World Food Program", "World Food Programme"),  # American spelling, a prefix of it
    ("International Labor Organization", "International Labour Organization"),
])
def test_an_organisation_written_otherwise_merges_even_as_a_prefix(name, known):
    hit, score = reference_match(name, {"ORG"}, REFERENCE)
    assert hit.canonical_name == known
    assert score >= 92


@pytest.mark.parametrize(
    ("name", "labels"),
    [
        ("Labor Party", {"ORG"}),  # Australia's, not the UK's Labour Party
        ("Balkan", {"LOC"}),  # an inflection, not a misspelling
        ("Supreme Courts", {"ORG"}),
        ("International Criminal Court Act", {"ORG"}),  # a longer name
        ("World Food Programme", {"ORG"}),  # a known name is no misspelling of itself
        ("Kyrgzstan", {"PERSON"}),  # a person is never a country by misspelling
        ("Australasia", {"LOC"}),
    ],
)
def test_reference_fuzzy_guardrails(name, labels):
    assert reference_match(name, labels, REFERENCE) is None


def test_an_initial_names_the_given_name_at_its_own_place():
    assert person_score("George W. Bush", "George Herbert Walker Bush") is None
    assert person_score("George H. W. Bush", "George Herbert Walker Bush") is not None
    assert person_score("John F. Kennedy", "John Fitzgerald Kennedy") is not None
