"""The words around a name that say what it is (`span_cues`), on small texts."""

import pytest

from newsetl.transforms.entities.span_cues import label_from_cues
from tests.reference import reference_data
from tests.unit.entity_frames import normalized_mentions

REFERENCE = reference_data()


@pytest.mark.parametrize(("before", "label"), [
    ("buried Tuesday in his home village of ", "PERSON"),
    ("attacks in the southern city of ", "ORG"),
    ("a mosque in the Iraq i city of ", "NORP"),
    ("a military base on the island of ", "ORG"),
    ("including the cities of ", "ORG"),
    ("fighting in the Iraqi province of\n", "ORG"),
    ("arrived in the capital of ", "ORG"),
])
def test_a_name_after_a_settlement_word_and_of_is_a_place(before, label):
    assert label_from_cues(label, "Diwaniya", before, " on Monday.") == "GPE"


@pytest.mark.parametrize(("before", "label"), [
    ("He visited the City of ", "ORG"),  # a name's own capital: "City of London"
    ("the Secretary of ", "ORG"),
    ("the son of ", "PERSON"),
    ("a village near ", "PERSON"),
    ("the town of ", "GPE"),  # already a place
    ("the city of ", "EVENT"),  # "the city of the 2012 Olympics": events keep their label
    ("a state of ", "ORG"),
    ("the stock capital of ", "ORG"),
])
def test_no_settlement_cue_leaves_the_label_alone(before, label):
    assert label_from_cues(label, "Diwaniya", before, " on Monday.") is None


def test_a_village_spacy_took_for_a_person_is_a_place_in_the_star():
    text = ("He was buried in his home village of Dolno Sahrane. Troops entered the town of "
            "Musa Qala, where Musa Qala elders met.")
    found = [("Dolno Sahrane", "PERSON"), ("Musa Qala", "PERSON"), ("Musa Qala", "ORG")]
    out = normalized_mentions(text, found, REFERENCE, ("surface_text", "label", "entity_type"))
    assert out.rows() == [("Dolno Sahrane", "GPE", "GPE"), ("Musa Qala", "GPE", "GPE"),
                          ("Musa Qala", "ORG", "GPE")]


@pytest.mark.parametrize(("surface", "money"), [
    ("GBP 4.25", True), ("ISK 6,200 million", True), ("AUD 40", True), ("RMB 5", True),
    ("BMW 320", False), ("ITV1", False), ("CRJ900", False), ("USD", False),
])
def test_a_currency_code_and_its_amount_in_one_span_are_money(surface, money):
    label = label_from_cues("LAW", surface, "rose to ", " per hour.")
    assert (label == "MONEY") is money
