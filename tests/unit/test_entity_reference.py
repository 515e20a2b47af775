"""Reference data: countries, aliases, acronyms, demonyms, titles."""

import pytest

from newsetl.ingest.reference_data import load_reference_data
from newsetl.transforms.entities.reference import (
    RefHit,
    bound_country,
    build_reference_data,
    fold,
    lookup,
    lookup_known,
    national_body,
)

REFERENCE = load_reference_data()


def test_fold_ignores_accents_case_hyphens_and_dots():
    assert fold("Erdoğan") == fold("ERDOGAN") == "erdogan"
    assert fold("al-Qaeda") == fold("Al Qaeda")
    assert fold("U.S.") == "us"


def test_country_alternative_spellings_resolve_to_the_encyclopedia_title():
    assert lookup(REFERENCE, "UAE").canonical_name == "United Arab Emirates"
    assert lookup(REFERENCE, "United Arab Emirates").match_rule == "exact"
    assert lookup(REFERENCE, "Türkiye").canonical_name == "Turkey"
    assert lookup(REFERENCE, "Republic of Turkey").canonical_name == "Turkey"
    assert lookup(REFERENCE, "U.S.").canonical_name == "United States"
    assert lookup(REFERENCE, "Britain").canonical_name == "United Kingdom"
    assert lookup(REFERENCE, "Ireland").canonical_name == "Republic of Ireland"


def test_iso_codes_other_than_us_and_uk_are_not_aliases():
    assert lookup(REFERENCE, "IN") is None
    assert lookup(REFERENCE, "IT") is None


def test_acronyms_match_in_upper_case_only():
    assert lookup(REFERENCE, "IMF").canonical_name == "International Monetary Fund"
    assert lookup(REFERENCE, "IMF").match_rule == "acronym"
    assert lookup(REFERENCE, "WHO").canonical_name == "World Health Organization"
    assert lookup(REFERENCE, "Who") is None


def test_demonyms_link_to_their_country():
    hit = lookup(REFERENCE, "Palestinians")
    assert (hit.canonical_name, hit.entity_class, hit.linked_name) == (
        "Palestinian",
        "demonym",
        "State of Palestine",
    )
    assert lookup(REFERENCE, "Turkish").linked_name == "Turkey"


def test_a_demonym_the_country_list_also_spells_the_country_is_the_demonym():
    # mledoze lists "Thai" and "Togolese" among the countries' alternative spellings too
    for demonym, country in (("Thai", "Thailand"), ("Togolese", "Togo")):
        hit = lookup(REFERENCE, demonym)
        assert (hit.canonical_name, hit.entity_class, hit.linked_name) == (
            demonym, "demonym", country)
    assert lookup(REFERENCE, "Vatican").canonical_name == "Vatican City"  # a word of its name


def test_a_native_name_that_is_an_english_word_is_no_alias():
    # mledoze lists the Icelandic "Ísland" unaccented among Iceland's spellings
    assert lookup(REFERENCE, "Island") is None
    assert lookup(REFERENCE, "Lýðveldið Ísland").canonical_name == "Iceland"
    # English spellings stay, whether or not they are English words too
    assert lookup(REFERENCE, "Holland").canonical_name == "Netherlands"
    assert lookup(REFERENCE, "Reunion").canonical_name == "Réunion"
    assert lookup(REFERENCE, "Saudi").canonical_name == "Saudi Arabia"


def test_eta_written_out_is_the_group():
    assert lookup(REFERENCE, "Euskadi Ta Askatasuna").canonical_name == "ETA (separatist group)"


def test_descriptive_words_before_a_known_name():
    assert lookup_known(REFERENCE, "Pan-Islamist Muslim Brotherhood").canonical_name == (
        "Muslim Brotherhood"
    )
    assert lookup_known(REFERENCE, "northern Gaza Strip").canonical_name == "Gaza Strip"


def test_a_demonym_before_a_known_name_is_a_different_institution():
    assert lookup_known(REFERENCE, "Australian Senate").canonical_name == "Australian Senate"
    assert lookup_known(REFERENCE, "Western Australia") is None
    assert lookup_known(REFERENCE, "Romanian Senate") is None  # no Romanian body in the table


def test_a_country_or_demonym_before_a_generic_name_is_that_countrys_body():
    for name, body in [("Italian Senate", "Senate of the Republic (Italy)"),
                       ("Canadian Parliament", "Parliament of Canada"),
                       ("Indian Supreme Court", "Supreme Court of India"),
                       ("Australia Labor Party", "Australian Labor Party"),
                       ("U.S. Army", "United States Army"),
                       ("British Government", "Government of the United Kingdom")]:
        hit = lookup_known(REFERENCE, name)
        assert (hit.canonical_name, hit.match_rule) == (body, "alias_table"), name


def test_national_bodies_are_bound_to_their_country_and_no_misspelling_reaches_one():
    assert national_body(REFERENCE, "the senate".removeprefix("the "), "Australia") == (
        RefHit("Australian Senate", "org", "alias_table", None))
    assert national_body(REFERENCE, "Senate", "Romania") is None
    assert national_body(REFERENCE, "Senate", None) is None
    assert REFERENCE.bound_countries["Australian Labor Party"] == "Australia"
    every_choice = {k for choices in REFERENCE.fuzzy_choices.values() for k in choices}
    assert fold("Communist Party of Cuba") not in every_choice
    assert fold("United States Senate") in every_choice


def test_a_national_body_of_an_unknown_country_is_an_error_in_the_table():
    with pytest.raises(ValueError, match="Atlantis"):
        build_reference_data(
            countries=[], country_titles={}, organisations=[], acronyms=[], titles=[],
            places=[], version="test", national_bodies=[("Senate", "Atlantis", "Senate")])


@pytest.mark.parametrize(("form", "demonym", "country"), [
    ("Briton", "British", "United Kingdom"),  # the country list gives only "British"
    ("Britons", "British", "United Kingdom"),
    ("Turks", "Turkish", "Turkey"),  # the country's canonical name, not "Türkiye"
    ("Spaniards", "Spanish", "Spain"),
    ("Philippine", "Filipino", "Philippines"),
    ("Czechs", "Czech", "Czech Republic"),
])
def test_another_form_of_a_demonym_is_the_countrys_demonym(form, demonym, country):
    hit = lookup(REFERENCE, form)
    assert (hit.canonical_name, hit.entity_class, hit.linked_name) == (
        demonym, "demonym", country)


def test_a_given_name_that_is_also_a_demonym_is_left_out():
    # "Finn", "Dane", "Kiwi" are people's names as often: only their plurals are demonyms
    assert lookup(REFERENCE, "Finn") is None
    assert lookup(REFERENCE, "Dane") is None
    assert lookup(REFERENCE, "Finns").linked_name == "Finland"


def test_a_demonym_of_an_unknown_country_is_an_error_in_the_table():
    with pytest.raises(ValueError, match="Atlantis"):
        build_reference_data(
            countries=[], country_titles={}, organisations=[], acronyms=[], titles=[],
            places=[], version="test", demonyms=[("Atlantean", "Atlantis")])


def test_earlier_sources_win_a_clash():
    reference = build_reference_data(
        countries=[],
        country_titles={},
        organisations=[("Georgia", "Georgia Org", "org")],
        acronyms=[],
        titles=[("President", "any")],
        places=[("Georgia", "region")],
        version="test",
    )
    assert lookup(reference, "Georgia").canonical_name == "Georgia Org"
    assert "president" in reference.titles_any


def test_loading_is_deterministic():
    again = load_reference_data()
    assert again.version == REFERENCE.version
    assert again.aliases.equals(REFERENCE.aliases)


def test_reference_data_pickles_for_worker_processes():
    import pickle

    again = pickle.loads(pickle.dumps(REFERENCE))
    assert again.version == REFERENCE.version
    assert lookup(again, "UAE") == lookup(REFERENCE, "UAE")


def test_an_organisation_table_name_is_bound_to_the_country_it_carries():
    assert REFERENCE.bound_countries["United States Senate"] == "United States"
    assert REFERENCE.bound_countries["Labour Party (UK)"] == "United Kingdom"
    assert REFERENCE.bound_countries["House of Commons of the United Kingdom"] == (
        "United Kingdom")
    assert "United Nations" not in REFERENCE.bound_countries
    assert "Agence France-Presse" not in REFERENCE.bound_countries  # an acronym's: one body


def test_a_name_that_says_its_country_is_not_bound_elsewhere():
    senate = lookup(REFERENCE, "Senate")
    assert bound_country(REFERENCE, senate, "Senate") == "United States"
    assert bound_country(REFERENCE, lookup_known(REFERENCE, "U.S. Senate"), "U.S. Senate") is None
    tories = lookup(REFERENCE, "Tories")
    assert bound_country(REFERENCE, tories, "British Tories") is None
    assert bound_country(REFERENCE, lookup(REFERENCE, "AFP"), "AFP") is None


@pytest.mark.parametrize(("word", "country", "party"), [
    ("Republican", "United States", "Republican Party (United States)"),
    ("Democratic", "United States", "Democratic Party (United States)"),
    ("Tory", "United Kingdom", "Conservative Party (UK)"),
    ("Conservative", "Canada", "Conservative Party of Canada"),
    ("Liberal Democrat", "United Kingdom", "Liberal Democrats (UK)"),
    ("National", "New Zealand", "New Zealand National Party"),  # "National leader Don Brash"
])
def test_a_partys_member_word_is_the_party_of_the_articles_country(word, country, party):
    # spaCy calls "a Republican senator" NORP; it is a mention of the party as "Republicans" is
    assert national_body(REFERENCE, word, country).canonical_name == party
    assert national_body(REFERENCE, word, None) is None  # no country: no party
