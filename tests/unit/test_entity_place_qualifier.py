"""A place written with its US state or its country ("Sun Valley, Idaho", "Tripoli,
Lebanon") is named with it: on small real texts, the shipped gazetteer and the whole
normalizer."""


import polars as pl
import pytest

from newsetl.transforms.entities.context import read_spans_in_context
from newsetl.transforms.entities.normalize import normalize_entities
from newsetl.transforms.entities.place_qualifier import qualified_name
from newsetl.transforms.schemas import NER_SPAN_SCHEMA
from tests.reference import reference_data
from tests.unit.entity_frames import spans_of, texts

REFERENCE = reference_data()
GAZETTEER = REFERENCE.gazetteer


def normalized(text: str, found: list[tuple[str, str]]):
    context = read_spans_in_context(spans_of(text, found), texts(text))
    return normalize_entities(context, REFERENCE)


def canonical_names(text: str, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(surface_text, canonical_name) of every mention kept, in text order."""
    result = normalized(text, found)
    return result.mentions.join(result.entities, on="entity_key").sort("start_char").select(
        "surface_text", "canonical_name").rows()


def test_the_context_records_the_name_right_after_a_comma():
    text = "Born in Sun Valley, Idaho, she left Sun Valley and Idaho for Boise ,Idaho."
    found = [("Sun Valley", "GPE"), ("Idaho", "GPE"), ("Sun Valley", "GPE"), ("Idaho", "GPE"),
             ("Boise", "GPE"), ("Idaho", "GPE")]
    context = read_spans_in_context(spans_of(text, found), texts(text))
    assert context.sort("start_char")["name_after_comma"].to_list() == [
        "Idaho", None, None, None, None, None]


@pytest.mark.parametrize(("name", "after", "qualified"), [
    ("Sun Valley", "Idaho", "Sun Valley, Idaho"),  # a town the gazetteer lacks
    ("Rochester", "New York", "Rochester, New York"),  # a city of that state
    ("Vancouver", "Washington", "Vancouver, Washington"),  # alone: Vancouver, Canada
    ("Seattle", "Washington", None),  # the name alone says it
    ("Boston", "Texas", None),  # "in Boston, Texas and California": a list
    ("Texas", "Oklahoma", None),  # a list of states
    ("Berlin", "Germany", None),  # no US state after the comma
    ("Sun Valley, Idaho", "Boise", None),
    ("Tripoli", "Lebanon", "Tripoli, Lebanon"),  # alone, Tripoli is the Libyan capital
    ("Bajaur", "Pakistan", None),  # no city of Pakistan: a list as often as a town
    ("US", "Australia", None),  # a country list ("US, Australia and Japan")
    ("Kabul", "Pakistan", None),  # "Kabul, Pakistan and India": a list
    ("Paris", "France", None),  # the name alone says it
    ("France", "Germany", None),  # a list of countries
    ("London", "Ontario", "London, Ontario"),  # a region abroad: a city of its country
    ("Hyderabad", "Sindh", "Hyderabad, Sindh"),  # alone, Hyderabad is India's
    ("Toronto", "Ontario", None),  # the name alone says it
    ("Perth", "Western Australia", None),  # the name alone says it
])
def test_which_names_a_state_or_country_after_a_comma_qualifies(name, after, qualified):
    assert qualified_name(name, after, GAZETTEER) == qualified


def test_a_town_the_gazetteer_lacks_is_one_entity_named_with_its_state():
    text = ("He was born in Sun Valley, Idaho, in 1982. Sun Valley has a ski resort. "
            "Her family came from Alpine, Arizona.")
    found = [("Sun Valley", "GPE"), ("Idaho", "GPE"), ("Sun Valley", "LOC"),
             ("Alpine", "GPE"), ("Arizona", "GPE")]
    assert canonical_names(text, found) == [
        ("Sun Valley", "Sun Valley, Idaho"), ("Idaho", "Idaho"),
        ("Sun Valley", "Sun Valley, Idaho"), ("Alpine", "Alpine, Arizona"),
        ("Arizona", "Arizona")]


def test_the_town_has_no_map_link_but_counts_for_its_state_and_country():
    text = "He was born in Sun Valley, Idaho, in 1982."
    result = normalized(text, [("Sun Valley", "GPE"), ("Idaho", "GPE")])
    town = result.entities.filter(pl.col("canonical_name") == "Sun Valley, Idaho")
    row = result.places.join(town.select("entity_key"), on="entity_key").row(0, named=True)
    assert (row["geonames_id"], row["unlinked_reason"]) == (None, "unknown")
    assert (row["country_code"], row["admin1_code"], row["admin1_name"]) == ("US", "ID", "Idaho")


def test_a_state_after_a_comma_selects_the_city_of_that_state():
    # Vancouver alone is the Canadian city; written with Washington it is the American one
    text = "The bridge links Portland to Vancouver, Washington, and Vancouver grows fast."
    found = [("Portland", "GPE"), ("Vancouver", "GPE"), ("Washington", "GPE"),
             ("Vancouver", "GPE")]
    names = dict(canonical_names(text, found)[1:2])
    assert names == {"Vancouver": "Vancouver, Washington"}
    assert canonical_names(text, found)[3] == ("Vancouver", "Vancouver, Washington")


def test_a_region_abroad_after_a_comma_selects_the_city_of_its_country():
    # Canada's provinces have no geonames code here: the city is chosen in their country
    text = "Mark Vandermaas of London, Ontario was arrested. He left London in May."
    found = [("Mark Vandermaas", "PERSON"), ("London", "GPE"), ("Ontario", "GPE"),
             ("London", "GPE")]
    assert canonical_names(text, found)[1:] == [
        ("London", "London, Canada"), ("Ontario", "Ontario"), ("London", "London, Canada")]
    result = normalized(text, found)
    town = result.entities.filter(pl.col("canonical_name") == "London, Canada")
    row = result.places.join(town.select("entity_key"), on="entity_key").row(0, named=True)
    assert (row["country_code"], row["feature_class"]) == ("CA", "city")


def test_a_list_of_places_is_not_read_as_a_town_and_its_state():
    text = "Storms hit Boston, Texas and California on Monday."
    found = [("Boston", "GPE"), ("Texas", "GPE"), ("California", "GPE")]
    assert canonical_names(text, found) == [
        ("Boston", "Boston"), ("Texas", "Texas"), ("California", "California")]


def test_two_states_for_one_name_leave_its_bare_mentions_alone():
    text = ("Springfield, Illinois and Springfield, Oregon both voted. In Springfield the "
            "turnout was low.")
    found = [("Springfield", "GPE"), ("Illinois", "GPE"), ("Springfield", "GPE"),
             ("Oregon", "GPE"), ("Springfield", "GPE")]
    names = [name for _surface, name in canonical_names(text, found)]
    assert names == ["Springfield, Illinois", "Illinois", "Springfield, Oregon", "Oregon",
                     "Springfield"]


def test_normalizing_the_qualified_names_again_changes_nothing():
    text = "He was born in Sun Valley, Idaho, and moved to Rochester, New York."
    found = [("Sun Valley", "GPE"), ("Idaho", "GPE"), ("Rochester", "GPE"),
             ("New York", "GPE")]
    first = [name for _surface, name in canonical_names(text, found)]
    # each canonical name as one span of its own, as a second normalization sees them
    again_text = " ; ".join(first)
    starts = [sum(len(name) + 3 for name in first[:i]) for i in range(len(first))]
    spans = pl.DataFrame(
        [("a1", start, start + len(name), name, "GPE", 0) for start, name in zip(
            starts, first, strict=True)], schema=NER_SPAN_SCHEMA, orient="row")
    result = normalize_entities(read_spans_in_context(spans, texts(again_text)), REFERENCE)
    again = result.mentions.join(result.entities, on="entity_key").sort("start_char")
    assert again["canonical_name"].to_list() == first


def test_a_city_of_two_words_is_no_short_form_of_a_persons_name_ending_in_it():
    # "… of Nevada Las Vegas told Reuters": a verb of speech makes that mention a person's,
    # and "Wynn Las Vegas" (PERSON) ends in the city's name; the city stays the city
    text = ("The resort opened in Las Vegas, Nevada on Thursday. Wynn Las Vegas cost more than "
            "any other. Wynn said so, and the University of Nevada Las Vegas told Reuters.")
    found = [("Las Vegas", "GPE"), ("Nevada", "GPE"), ("Wynn Las Vegas", "PERSON"),
             ("Wynn", "PERSON"), ("Las Vegas", "GPE")]
    names = canonical_names(text, found)
    assert names[0] == ("Las Vegas", "Las Vegas")
    assert names[4] == ("Las Vegas", "Las Vegas")


def test_a_city_the_name_alone_means_keeps_its_name_and_its_acronym():
    text = ("Police warned of an attack on New York City, New York (NYC) in the United States. "
            "NYC police stepped up security.")
    found = [("New York City", "GPE"), ("New York", "GPE"), ("NYC", "ORG"),
             ("United States", "GPE"), ("NYC", "ORG")]
    names = dict(canonical_names(text, found))
    assert names["New York City"] == names["NYC"] == "New York City"


def test_a_town_written_with_its_state_stays_a_place_when_a_mention_reads_as_a_person():
    # a verb of speech makes the last mention a person's ("… Sun Valley told Reuters")
    text = ("The resort opened in Sun Valley, Idaho on Thursday, and the mayor of Sun Valley "
            "told Reuters so.")
    found = [("Sun Valley", "GPE"), ("Idaho", "GPE"), ("Sun Valley", "GPE")]
    names = canonical_names(text, found)
    assert names[0] == ("Sun Valley", "Sun Valley, Idaho")
    assert names[2] == ("Sun Valley", "Sun Valley, Idaho")


def test_a_city_written_with_its_country_is_that_countrys_city():
    text = ("Fighting in Tripoli, Lebanon, spread on Monday; Libya closed its border. "
            "Tripoli is Lebanon's second city.")
    found = [("Tripoli", "GPE"), ("Lebanon", "GPE"), ("Libya", "GPE"), ("Tripoli", "GPE"),
             ("Lebanon", "GPE")]
    names = [name for _surface, name in canonical_names(text, found)]
    assert names == ["Tripoli, Lebanon", "Lebanon", "Libya", "Tripoli, Lebanon", "Lebanon"]


def test_a_small_city_written_with_its_country_links_there_and_an_unknown_name_stays():
    text = "Protests spread from Gori, Georgia to Bajaur, Pakistan."
    found = [("Gori", "GPE"), ("Georgia", "GPE"), ("Bajaur", "GPE"), ("Pakistan", "GPE")]
    result = normalized(text, found)
    places = result.places.join(result.entities, on="entity_key")
    gori = places.filter(pl.col("canonical_name").str.starts_with("Gori")).row(0, named=True)
    assert (gori["country_code"], gori["unlinked_reason"]) == ("GE", None)
    assert gori["geonames_id"] is not None
    bajaur = places.filter(pl.col("canonical_name").str.starts_with("Bajaur")).row(0, named=True)
    assert (bajaur["canonical_name"], bajaur["unlinked_reason"]) == ("Bajaur", "unknown")


def test_a_word_of_a_persons_name_is_not_read_as_a_town():
    text = "Sam Brownback spoke in Topeka. Brownback, Kansas's senator, said so."
    found = [("Sam Brownback", "PERSON"), ("Topeka", "GPE"), ("Brownback", "GPE"),
             ("Kansas", "GPE")]
    names = dict(canonical_names(text, found))
    assert names["Brownback"] == "Sam Brownback"
