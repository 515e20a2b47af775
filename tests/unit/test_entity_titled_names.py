"""A span that opens with a personal title, or that a role in apposition follows, is a
person's name whatever spaCy called it (`titled_names`)."""

import polars as pl

from newsetl.transforms.entities.context import read_spans_in_context
from newsetl.transforms.entities.titled_names import is_titled_name, titled_people
from newsetl.transforms.schemas import NER_SPAN_SCHEMA
from tests.reference import reference_data
from tests.unit.entity_frames import normalized_mentions, spans_of, texts

REFERENCE = reference_data()


def test_a_title_and_a_name_is_a_persons_name():
    for surface in ("Rev Matiya Nkhoma", "General Petraeus", "King Bhumibol Adulyadej's",
                    "Cpl Daniel Kenyon", "Prince Tu'ipelehake", "Mr. Begag",
                    "Sub-Lieutenant Vinai Nakhabut", "Major-General Kasem"):
        assert is_titled_name(surface, REFERENCE), surface


def test_a_title_of_two_words_and_a_name_is_a_persons_name():
    for surface in ("Major General Nicola Calipari", "Prime Minister Junichiro Koizumi",
                    "Attorney General Philip Ruddock", "Lieutenant Colonel Vinai Nakhabut"):
        assert is_titled_name(surface, REFERENCE), surface
    # two words that make no title, or a title and no name
    for surface in ("Major League Baseball", "Prime Minister", "Rear Admiral",
                    "General Secretary", "Foreign Minister's Office"):
        assert not is_titled_name(surface, REFERENCE), surface


def test_a_title_word_that_opens_another_kind_of_name_is_left_alone():
    for surface in (
        "General Motors", "General Electric Co.", "King Dome", "Queen Mary College",
        "Prince Edward Island", "Justice Department", "the General Assembly",
        "the Queen Mother", "Prince George",  # a city the reference data knows
        "Mr Smith Goes to Washington", "General", "Boeing Co",
        # a name that is a frequent English word loses too: "Queen Elizabeth" stays as spaCy
        # said, like "General Motors"
        "Queen Elizabeth II",
    ):
        assert not is_titled_name(surface, REFERENCE), surface


def test_titled_names_are_labelled_person_with_their_title_cue():
    spans = pl.DataFrame(
        [("a1", 0, 17, "Rev Matiya Nkhoma", "ORG", 0), ("a1", 30, 44, "General Motors", "ORG", 0),
         ("a1", 50, 59, "King Fahd", "WORK_OF_ART", 0)],
        schema=NER_SPAN_SCHEMA, orient="row",
    ).with_columns(person_title=pl.lit(False))
    out = titled_people(spans, REFERENCE)
    assert out["label"].to_list() == ["PERSON", "ORG", "WORK_OF_ART"]  # a work stays one
    assert out["person_title"].to_list() == [True, False, False]


def test_the_title_is_stripped_and_the_name_joins_the_person():
    text = "General Petraeus arrived. David Petraeus said so. Cardinal Trujillo spoke."
    rows = normalized_mentions(
        text, [("General Petraeus", "ORG"), ("David Petraeus", "PERSON"),
               ("Cardinal Trujillo", "ORG")],
        REFERENCE, ("surface_text", "canonical_name", "entity_type"))
    names = dict(zip(rows["surface_text"], rows["canonical_name"], strict=True))
    assert names["General Petraeus"] == names["David Petraeus"] == "David Petraeus"
    # the title says person though a city of that name is known
    assert rows.filter(pl.col("surface_text") == "Cardinal Trujillo")["entity_type"].to_list() == [
        "PERSON"]


def test_a_name_before_a_role_in_apposition_is_a_persons_name():
    text = ("Per Engebak, UNICEF's regional director, said so. Julia Langer, director of the "
            "fund, spoke. Kmart Holding, will become the chairman of it. Microsoft Corp, the "
            "senior vice president of Google, left. Sydney, Australian defence minister "
            "Brendan Nelson said. Atta, a spokesperson for the operation, said.")
    found = [("Per Engebak", "ORG"), ("Julia Langer", "WORK_OF_ART"), ("Kmart Holding", "ORG"),
             ("Microsoft Corp", "ORG"), ("Sydney", "GPE"), ("Atta", "ORG")]
    rows = normalized_mentions(text, found, REFERENCE, ("surface_text", "entity_type"))
    types = dict(zip(rows["surface_text"], rows["entity_type"], strict=True))
    assert types["Per Engebak"] == types["Julia Langer"] == "PERSON"
    # a verb between is no apposition; a known name and a single word stay as spaCy said
    assert types["Kmart Holding"] == types["Microsoft Corp"] == "ORG"
    assert types["Sydney"] == "GPE"
    assert types["Atta"] == "ORG"


def test_the_role_after_a_name_is_read_from_the_text():
    for after, role in ((", UNICEF's regional director, said", True),
                        (", head of UN peacekeeping operations", True),
                        (", a spokeswoman for the OLGC said", True),
                        (", will become the chairman of the company", False),
                        (", the software giant, said", False),
                        (" and its director, Ann Smith", False)):
        text = f"Ann Lee{after}."
        context = read_spans_in_context(spans_of(text, [("Ann Lee", "ORG")]), texts(text))
        assert context["role_after"].to_list() == [role], after


def test_a_hyphenated_rank_is_a_title_by_its_last_part():
    text = "Sub-Lieutenant Vinai Nakhabut came. Lance-Corporal Wayne Crowcroft left."
    rows = normalized_mentions(
        text, [("Sub-Lieutenant Vinai Nakhabut", "ORG"), ("Lance-Corporal Wayne Crowcroft",
                                                          "PERSON")],
        REFERENCE, ("canonical_name", "entity_type"))
    assert sorted(rows.rows()) == [("Vinai Nakhabut", "PERSON"), ("Wayne Crowcroft", "PERSON")]
    forum = normalized_mentions("The World E-Gov Forum met.", [("World E-Gov Forum", "ORG")],
                                REFERENCE, ("canonical_name",))
    assert forum["canonical_name"].to_list() == ["World E-Gov Forum"]  # "Gov" is no rank
