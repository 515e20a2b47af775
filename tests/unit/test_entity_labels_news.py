"""Label rules 3c (a name whose last word is a facility's or a body's), 3d (one whose first
word is a body's in another language), 6b (a city or a
region of the article's country that spaCy called a person) and 7b (an acronym of an
organisation the article writes out), on small articles with the shipped reference data and
gazetteer."""

import polars as pl

from newsetl.transforms.entities.labels import labels_in_context
from tests.reference import reference_data
from tests.unit.entity_frames import normalized_mentions

REFERENCE = reference_data()


def normalized(text: str, found: list[tuple[str, str]]) -> pl.DataFrame:
    """(surface_text, label, canonical_name, entity_type) of every mention kept."""
    return normalized_mentions(text, found, REFERENCE,
                               ("surface_text", "label", "canonical_name", "entity_type"))


def test_a_city_of_the_country_the_article_is_about_is_a_place_whatever_spacy_called_it():
    text = ("Students marched in Venezuela on Wednesday. Venezuela's police met them in "
            "Maracaibo and Valencia. Maracaibo stayed calm.")
    rows = normalized(text, [("Venezuela", "GPE"), ("Venezuela", "GPE"),
                             ("Maracaibo", "PERSON"), ("Valencia", "PERSON"),
                             ("Maracaibo", "PERSON")])
    assert rows["label"].to_list() == ["GPE"] * 5
    # linked as places in the article's country, as the other places are
    assert rows["canonical_name"].to_list()[2:] == ["Maracaibo", "Valencia, Venezuela",
                                                    "Maracaibo"]


def test_a_region_of_the_country_the_article_is_about_is_a_place_whatever_spacy_called_it():
    text = "India's Left protested. Kerala and Tripura struck, and Tamil Nadu joined India."
    found = [("India", "GPE"), ("Kerala", "GPE"), ("Tripura", "PERSON"), ("Tamil Nadu", "PERSON"),
             ("India", "GPE")]
    assert normalized(text, found)["label"].to_list() == ["GPE"] * 5
    # a region of another country than the one the article is about stays as spaCy said
    elsewhere = normalized("Iraq voted. Iraq's Victoria spoke.",
                           [("Iraq", "GPE"), ("Iraq", "GPE"), ("Victoria", "PERSON")])
    assert elsewhere["label"].to_list() == ["GPE", "GPE", "PERSON"]


def test_a_city_name_stays_a_person_where_the_article_says_so():
    # a title, or a verb of speech, on any of its mentions
    titled = normalized("Thailand voted. Mayor Yala won. Yala thanked Thailand.",
                        [("Thailand", "GPE"), ("Yala", "PERSON"), ("Yala", "PERSON"),
                         ("Thailand", "GPE")])
    assert titled["label"].to_list() == ["GPE", "PERSON", "PERSON", "GPE"]
    # a word of a longer name of the article
    longer = normalized("Brazil mourned. Carlos Santos spoke for Brazil. Santos wept.",
                        [("Brazil", "GPE"), ("Carlos Santos", "PERSON"), ("Brazil", "GPE"),
                         ("Santos", "PERSON")])
    assert longer["label"].to_list() == ["GPE", "PERSON", "GPE", "PERSON"]
    # one of its mentions called an organisation: a company or a club named after it
    company = normalized("Finland cheered. Nokia rose. Finland's Nokia hired.",
                         [("Finland", "GPE"), ("Nokia", "PERSON"), ("Finland", "GPE"),
                          ("Nokia", "ORG")])
    assert company["label"].to_list() == ["GPE", "PERSON", "GPE", "ORG"]


def test_only_the_countries_the_article_names_most_make_a_city_of_a_name():
    # Japan named once beside Iraq named twice: "Obama" is no town of Japan here.
    text = "Iraq voted. Japan watched. Obama praised Iraq."
    rows = normalized(text, [("Iraq", "GPE"), ("Japan", "GPE"), ("Obama", "PERSON"),
                             ("Iraq", "GPE")])
    assert rows["label"].to_list() == ["GPE", "GPE", "PERSON", "GPE"]
    japan = normalized("Japan voted. Obama cheered. Japan rested.",
                       [("Japan", "GPE"), ("Obama", "PERSON"), ("Japan", "GPE")])
    assert japan["label"].to_list() == ["GPE", "GPE", "GPE"]


def test_a_us_town_named_like_a_person_stays_a_person():
    # Every family name is a town somewhere in the US: "Moore" is Moore, Oklahoma.
    text = "The United States voted. Moore won in the United States."
    rows = normalized(text, [("The United States", "GPE"), ("Moore", "PERSON"),
                             ("the United States", "GPE")])
    assert rows["label"].to_list() == ["GPE", "PERSON", "GPE"]


def test_an_acronym_of_an_organisation_the_article_writes_out_is_an_organisation():
    text = ("The Justice and Equality Movement (JEM) freed the hostages. JEM said the "
            "Justice and Equality Movement would talk. JEM left.")
    rows = normalized(text, [("The Justice and Equality Movement", "ORG"), ("JEM", "PERSON"),
                             ("Justice and Equality Movement", "ORG"), ("JEM", "PERSON")])
    assert rows["label"].to_list() == ["ORG"] * 4
    assert set(rows["entity_type"]) == {"ORG"}
    assert set(rows["canonical_name"]) == {"Justice and Equality Movement"}


def test_an_acronym_keeps_its_label_when_the_long_name_is_no_organisation():
    # the long name written as a place: the acronym follows it, not the organisation label
    text = "Western Australia (WA) voted. WA rested."
    rows = normalized(text, [("Western Australia", "GPE"), ("WA", "GPE")])
    assert rows["label"].to_list() == ["GPE", "GPE"]
    # a state's postal code labelled a place stays a place beside an organisation's name
    text = "The Wilmore Academy (WA) opened. WA is a state."
    rows = normalized(text, [("The Wilmore Academy", "ORG"), ("WA", "GPE")])
    assert rows["label"].to_list() == ["ORG", "GPE"]


def test_a_person_named_facility_or_body_is_no_person():
    names = ["Fitzroy Gardens", "Lincoln Memorial", "Dubrava Prison", "Dave Matthews Band",
             "Nashua Telegraph", "Michael J. Fox Foundation"]
    labels = labels_in_context(names, ["PERSON"] * len(names), [False] * len(names), REFERENCE)
    assert labels == ["FAC", "FAC", "FAC", "ORG", "ORG", "ORG"]
    buildings = ["Mermaid Theatre", "Wivenhoe Dam", "Forest Plaza Art Gallery", "Tel Nof Airbase"]
    assert labels_in_context(buildings, ["PERSON"] * 4, [False] * 4, REFERENCE) == ["FAC"] * 4
    # last words that are also family names keep the person
    people = ["Arsenio Hall", "Gregory House", "Sean Park", "Picabo Street", "Margaret Court"]
    assert labels_in_context(people, ["PERSON"] * 5, [False] * 5, REFERENCE) == ["PERSON"] * 5
    # and a one-word name is what spaCy said
    assert labels_in_context(["Memorial"], ["PERSON"], [False], REFERENCE) == ["PERSON"]


def test_a_name_that_opens_with_a_bodys_word_of_another_language_is_an_organisation():
    # spaCy's labels of these, on Wikinews articles
    # (the national table knows "Bloc Québécois", so the full normalizer is tested below)
    names = ["Parti Socialiste", "Partido Popular", "Partido Socialista Brasileiro",
             "Forces Nouvelles", "Universidad Metropolitana", "Banco Rural", "Alleanza Nazionale",
             "Agencia Brasil"]
    labels = ["PERSON", "GPE", "PERSON", "PERSON", "PERSON", "FAC", "FAC", "PERSON"]
    assert labels_in_context(names, labels, [False] * len(names), REFERENCE) == ["ORG"] * 8
    # a work or event named after a body stays one; a word alone, or before a lower-case
    # word, is no name of a body; an English first word is left to the other rules
    others = ["Banco de Gaia", "Bloc", "Partido", "Forces Nouvelles", "Bank Street"]
    labels = ["WORK_OF_ART", "PERSON", "PERSON", "EVENT", "PERSON"]
    assert labels_in_context(others, labels, [False] * 5, REFERENCE) == labels
    text = ("The Bloc Québécois voted against it. The Bloc Quebecois (BQ) leader said BQ "
            "would, and so did the Parti Québécois.")
    rows = normalized(text, [("The Bloc Québécois", "LOC"), ("The Bloc Quebecois", "PERSON"),
                             ("BQ", "ORG"), ("BQ", "ORG"), ("the Parti Québécois", "GPE")])
    assert set(rows["entity_type"].to_list()) == {"ORG"}
    assert set(rows["canonical_name"].to_list()) <= {"Bloc Québécois", "Bloc Quebecois",
                                                     "Parti Québécois"}


def test_an_acronym_of_a_region_the_reference_data_knows_is_a_place():
    # spaCy calls the region's initials an organisation ("the NSW government")
    text = "New South Wales voted. The NSW government said NSW was calm."
    rows = normalized(text, [("New South Wales", "GPE"), ("NSW", "ORG"), ("NSW", "ORG")])
    assert rows["canonical_name"].to_list() == ["New South Wales"] * 3
    assert rows["label"].to_list() == ["GPE", "GPE", "GPE"]


def test_a_group_noun_resolved_to_a_party_is_a_mention_of_the_party():
    # "Republicans" is the party here, so the party's type is an organisation's
    text = "Republicans in Texas voted. The Republicans won Texas."
    rows = normalized(text, [("Republicans", "NORP"), ("Texas", "GPE"),
                             ("Republicans", "NORP"), ("Texas", "GPE")])
    party = rows.filter(pl.col("canonical_name") == "Republican Party (United States)")
    assert party["label"].to_list() == ["ORG", "ORG"]
    assert party["entity_type"].to_list() == ["ORG", "ORG"]
    # a group noun nothing resolves to an organisation stays a group
    muslims = normalized("Muslims prayed.", [("Muslims", "NORP")])
    assert muslims["label"].to_list() == ["NORP"]


def test_a_known_demonym_is_a_group_whatever_spacy_called_it():
    names = ["Ugandan", "Sri Lankan", "Romanians", "Swazi", "Italian"]
    labels = labels_in_context(names, ["PERSON", "GPE", "PERSON", "ORG", "LANGUAGE"],
                               [False] * 5, REFERENCE)
    assert labels == ["NORP", "NORP", "NORP", "NORP", "LANGUAGE"]


def test_a_country_spacy_called_a_person_still_names_its_cities():
    # Rule 8 makes "Egypt" a place after resolution; the city rule counts it before, so
    # normalizing the canonical names again gives the same places (found by hypothesis).
    rows = normalized("Egypt voted. Cairo was calm.", [("Egypt", "PERSON"), ("Cairo", "PERSON")])
    assert rows["label"].to_list() == ["GPE", "GPE"]
    # unless a title or a verb of speech says the name is a person's ("Chad said")
    chad = normalized("Chad said Ndjamena was calm.", [("Chad", "PERSON"), ("Ndjamena", "PERSON")])
    assert chad["label"].to_list() == ["PERSON", "PERSON"]


def test_the_people_of_a_known_place_are_a_group_whatever_spacy_called_them():
    text = "Londoners and New Brunswickers cheered. Africans and Bostonians marched. Peters spoke."
    found = [("Londoners", "LOC"), ("New Brunswickers", "GPE"), ("Africans", "PERSON"),
             ("Bostonians", "ORG"), ("Peters", "PERSON")]
    rows = normalized(text, found)
    assert dict(zip(rows["surface_text"], rows["label"], strict=True)) == {
        "Londoners": "NORP", "New Brunswickers": "NORP", "Africans": "NORP",
        "Bostonians": "NORP", "Peters": "PERSON"}
