"""Reference data: countries, aliases, acronyms, demonyms, titles."""

from newsetl.ingest.reference_data import load_reference_data
from newsetl.transforms.entities.reference import (
    bound_country,
    build_reference_data,
    fold,
    lookup,
    lookup_known,
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


def test_descriptive_words_before_a_known_name():
    assert lookup_known(REFERENCE, "Pan-Islamist Muslim Brotherhood").canonical_name == (
        "Muslim Brotherhood"
    )
    assert lookup_known(REFERENCE, "northern Gaza Strip").canonical_name == "Gaza Strip"


def test_a_demonym_before_a_known_name_is_a_different_institution():
    assert lookup_known(REFERENCE, "Australian Senate") is None
    assert lookup_known(REFERENCE, "Western Australia") is None


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
