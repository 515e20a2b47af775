"""Event and award names are told by their head word, whatever spaCy labelled them."""

import pytest

from newsetl.transforms.entities.events import event_label
from newsetl.transforms.entities.labels import labels_in_context
from tests.reference import reference_data

REFERENCE = reference_data()
COUNTED_AS_NAMED = {"PERSON", "ORG", "GPE", "LOC", "FAC"}


@pytest.mark.parametrize(("name", "label", "expected"), [
    ("Cyclone Phailin", "PERSON", "EVENT"),
    ("Hurricane Katrina", "ORG", "EVENT"),
    ("Tropical Storm Allison", "GPE", "EVENT"),
    ("Cyclone", "ORG", "EVENT"),
    ("Commonwealth Games", "LAW", "EVENT"),
    ("Paralympic Games", "FAC", "EVENT"),
    ("Games", "FAC", "EVENT"),
    ("Olympics", "ORG", "EVENT"),
    ("Paralympic", "GPE", "EVENT"),
    ("New Zealand General Election", "ORG", "EVENT"),
    ("South American Summit", "FAC", "EVENT"),
    ("Battle of the Bulge", "ORG", "EVENT"),
    ("World Cup", "ORG", "EVENT"),
    ("Monaco Grand Prix", "PERSON", "EVENT"),
    ("Teen Choice Awards", "ORG", "EVENT"),
    ("Austrian State Prize for Composition", "ORG", "WORK_OF_ART"),
    ("Nobel Prize in Literature", "PERSON", "WORK_OF_ART"),
    ("Medal of Honor", "ORG", "WORK_OF_ART"),
])
def test_an_event_or_award_name_gets_the_label_of_what_it_is(name, label, expected):
    assert event_label(name, label) == expected


@pytest.mark.parametrize(("name", "label"), [
    ("Epic Games", "ORG"),  # a company: nothing says which games
    ("Election Commission", "ORG"),  # headed by an organisation word
    ("Central Election Commission", "ORG"),
    ("Summit County", "GPE"),
    ("Festival Hall", "FAC"),
    ("Stop the War Coalition", "ORG"),
    ("Battle Creek", "GPE"),  # no preposition: its head is its last word
    ("War", "ORG"),  # one common word: the common-noun rules judge it
    ("Summit", "GPE"),
    ("Prize", "ORG"),
    ("Bank of America", "ORG"),
    ("Hurricanes", "ORG"),  # a team, not a storm
    ("World War II", "EVENT"),  # already what it is
    ("Pride and Prejudice", "WORK_OF_ART"),
])
def test_other_names_are_left_to_the_other_rules(name, label):
    assert event_label(name, label) is None


def test_in_an_article_every_mention_of_an_event_leaves_the_counted_types():
    names = ["Cyclone Phailin", "Bhubaneswar", "Phailin", "Paralympic Games", "Games"]
    labels = labels_in_context(names, ["PERSON", "GPE", "PERSON", "FAC", "FAC"],
                               [False] * len(names), REFERENCE)
    assert labels == ["EVENT", "GPE", "EVENT", "EVENT", "EVENT"]
    assert set(labels) & COUNTED_AS_NAMED == {"GPE"}


def test_a_given_name_is_a_storm_only_where_the_article_names_that_storm():
    names = ["Katrina", "Hurricane Rita", "Katrina Smith"]
    labels = labels_in_context(names, ["PERSON", "ORG", "PERSON"], [False] * 3, REFERENCE)
    assert labels == ["PERSON", "EVENT", "PERSON"]
