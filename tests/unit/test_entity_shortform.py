"""Within one article: short forms, misspellings and acronyms of names mentioned there."""

from newsetl.transforms.entities.shortform import (
    Candidate,
    head_word,
    resolve_acronym,
    resolve_head_word,
    resolve_people,
    stands_for,
)


def people(*names: tuple[str, int, bool]):
    return resolve_people([Candidate(n, count, person, True) for n, count, person in names])


def test_seed_article_erdogan():
    resolved = people(
        ("Recep Tayyip Edrogan", 1, True), ("Erdogan", 4, True), ("Abdel Fattah el-Sissi", 2, True)
    )
    assert resolved["Erdogan"] == ("Recep Tayyip Erdogan", "short_form", None)
    canonical, rule, score = resolved["Recep Tayyip Edrogan"]
    assert (canonical, rule) == ("Recep Tayyip Erdogan", "fuzzy")
    assert score > 85
    assert resolved["Abdel Fattah el-Sissi"] == ("Abdel Fattah el-Sissi", None, None)


def test_family_name_with_particle_and_given_names():
    resolved = people(
        ("Abdel Fattah el-Sissi", 2, True),
        ("El-Sissi", 2, False),  # labelled ORG by the model
        ("Sissi", 1, True),
        ("Abdel Fattah", 1, True),
    )
    for short in ("El-Sissi", "Sissi", "Abdel Fattah"):
        assert resolved[short] == ("Abdel Fattah el-Sissi", "short_form", None)


def test_a_name_written_without_its_middle_names_as_often_is_the_canonical_one():
    resolved = people(("Matthew William Goode", 1, True), ("Matthew Goode", 1, True),
                      ("Goode", 5, True))
    assert {name: value[:2] for name, value in resolved.items()} == {
        "Matthew Goode": ("Matthew Goode", None),
        "Matthew William Goode": ("Matthew Goode", "short_form"),
        "Goode": ("Matthew Goode", "short_form"),
    }
    # Written with them more often, or with an initial, the longer name stays.
    assert people(("Ali Abdullah Saleh", 3, True), ("Ali Saleh", 1, True))[
        "Ali Saleh"][0] == "Ali Abdullah Saleh"
    assert people(("George W. Bush", 1, True), ("George Bush", 2, True))[
        "George Bush"][0] == "George W. Bush"


def test_al_or_ben_before_one_family_name_is_a_given_name():
    resolved = people(("Al Edwards", 1, True), ("Edwards", 3, True), ("Ben Carter", 1, True),
                      ("Carter", 2, True))
    assert resolved["Edwards"] == ("Al Edwards", "short_form", None)
    assert resolved["Carter"] == ("Ben Carter", "short_form", None)
    # A family name with its particle is still the short form of the full name...
    resolved = people(("Omar al-Bashir", 2, True), ("Al Bashir", 1, True), ("Bashir", 1, True))
    assert resolved["Al Bashir"][0] == resolved["Bashir"][0] == "Omar al-Bashir"
    # ... and "Al Gore" is not "Albert Gore III", his son, so "Gore" may be either
    resolved = people(("Albert Gore III", 1, True), ("Al Gore", 2, True), ("Gore", 2, True))
    assert resolved["Al Gore"][0] == "Al Gore"
    assert "Gore" not in resolved
    assert people(("Al Gore", 2, True), ("Gore", 2, True))["Gore"][0] == "Al Gore"


def test_ambiguous_short_form_stays_itself():
    resolved = people(("George Bush", 1, True), ("Laura Bush", 1, True), ("Bush", 3, True))
    assert "Bush" not in resolved
    assert resolved["Laura Bush"][0] == "Laura Bush"


def test_a_name_claimed_by_reference_data_does_not_join():
    resolved = resolve_people(
        [Candidate("Michael Jordan", 1, True, True), Candidate("Jordan", 1, False, False)]
    )
    assert "Jordan" not in resolved


def test_given_name_alone_needs_a_person_label():
    assert people(("Saddam Hussein", 1, True), ("Saddam", 2, True))["Saddam"][0] == (
        "Saddam Hussein"
    )
    assert "Saddam" not in people(("Saddam Hussein", 1, True), ("Saddam", 2, False))


def test_different_initials_are_different_people():
    resolved = people(("George W. Bush", 1, True), ("George H. W. Bush", 1, True))
    assert resolved["George W. Bush"][0] == "George W. Bush"
    assert resolved["George H. W. Bush"][0] == "George H. W. Bush"


def test_no_repair_of_a_shorter_family_name():
    resolved = people(("Shlomo Mor-Yosef", 1, True), ("Yosef", 3, True))
    assert resolved["Yosef"] == ("Shlomo Mor-Yosef", "short_form", None)


def test_acronym_of_a_name_in_the_article():
    names = ["International Monetary Fund", "Bank of England", "Bank of Canada", "Egypt"]
    assert resolve_acronym("IMF", names) == "International Monetary Fund"
    assert resolve_acronym("BoE", names) == "Bank of England"
    assert resolve_acronym("BoC", names) == "Bank of Canada"
    assert resolve_acronym("Egypt", names) is None
    assert resolve_acronym("XYZ", names) is None


def test_an_acronym_of_two_spellings_of_one_name_is_that_name():
    # an article writes "Bloc Quebecois" and "Bloc Québécois": one party, one key
    names = ["Bloc Quebecois", "Bloc Québécois", "New Democratic Party"]
    assert resolve_acronym("BQ", names) == "Bloc Quebecois"
    assert resolve_acronym("BQ", list(reversed(names))) == "Bloc Quebecois"
    # two names of two keys stay ambiguous
    assert resolve_acronym("BQ", ["Bloc Quebecois", "Bank of Quebec"]) is None


def test_head_word_is_the_word_before_the_first_preposition_else_the_last():
    assert head_word("European Commission") == ("commission", False)
    assert head_word("International Court of Justice") == ("court", True)
    assert head_word("House of Commons") == ("house", True)
    assert head_word("The New York Times") == ("times", False)


def test_an_organisation_head_word_alone_goes_to_the_one_name_with_that_head():
    others = {"European Commission": "European Commission", "Brussels": "Brussels",
              "International Court of Justice": "International Court of Justice"}
    assert resolve_head_word("Commission", others) == "European Commission"
    assert resolve_head_word("Court", others) == "International Court of Justice"
    assert resolve_head_word("COMMISSION", others) == "European Commission"


def test_a_name_stands_for_a_longer_name_with_its_head_or_before_its_preposition():
    assert stands_for("Parliament", "Scottish Parliament")
    assert stands_for("Reserve Bank", "Reserve Bank of Australia")
    assert stands_for("House", "House of Commons")
    assert not stands_for("House", "White House")  # a building
    assert not stands_for("Parliament", "Parliament")  # itself
    assert not stands_for("Labor", "Labor Party")  # no head word
    assert not stands_for("Reserve Bank", "Federal Reserve Bank")


def test_a_name_ending_in_a_head_word_stands_for_the_longer_name_it_ends():
    assert stands_for("Study Group", "Iraq Study Group")
    assert stands_for("Security Council", "United Nations Security Council")
    assert stands_for("Group", "Iraq Study Group")
    # parties, houses, courts and banks of longer names are often other bodies, and a
    # list of two bodies is neither
    assert not stands_for("Democratic Party", "Social Democratic Party")
    assert not stands_for("White House", "This White House")
    assert not stands_for("Supreme Court", "Ohio Supreme Court")
    assert not stands_for("Planning Board", "Common Council and Planning Board")
    others = {"Iraq Study Group": "Iraq Study Group", "James Baker": "James Baker"}
    assert resolve_head_word("Study Group", others) == "Iraq Study Group"


def test_a_head_word_of_two_organisations_or_none_stays_itself():
    two = {"Scottish National Party": "Scottish National Party",
           "Scottish Socialist Party": "Scottish Socialist Party"}
    assert resolve_head_word("Party", two) is None
    assert resolve_head_word("Party", {"Glasgow": "Glasgow"}) is None


def test_two_spellings_of_one_organisation_are_one_target():
    others = {"US Army": "United States Army", "U.S. Army": "United States Army"}
    assert resolve_head_word("Army", others) in others


def test_only_generic_head_words_alone_are_short_forms():
    others = {"Secretary of State": "Secretary of State", "Kaupthing Bank": "Kaupthing Bank"}
    assert resolve_head_word("State", others) is None  # not a kind of organisation
    assert resolve_head_word("Kaupthing", others) is None  # a name, not a head word
    assert resolve_head_word("Bank Board", others) is None  # not alone


def test_a_building_named_house_is_not_the_house():
    assert resolve_head_word("House", {"White House": "White House"}) is None
    assert resolve_head_word("House", {"White House": "White House",
                                       "House of Commons": "House of Commons"}) == (
        "House of Commons")


def test_a_name_before_its_preposition_is_the_one_longer_name():
    others = {"Reserve Bank of Australia": "Reserve Bank of Australia", "Sydney": "Sydney"}
    assert resolve_head_word("Reserve Bank", others) == "Reserve Bank of Australia"
    two = {"Communist Party of Canada": "Communist Party of Canada",
           "Communist Party of Malta": "Communist Party of Malta"}
    assert resolve_head_word("Communist Party", two) is None
    assert resolve_head_word("Liberation Tigers", {
        "Liberation Tigers of Tamil Eelam": "Liberation Tigers of Tamil Eelam"}) is None  # no head
    assert resolve_head_word("Bank of Canada", {"Bank of Canada Act": "x"}) is None


def test_a_full_name_in_capitals_takes_the_articles_spelling():
    resolved = resolve_people([
        Candidate("GEORGE W. BUSH", 1, True, True), Candidate("Bush", 4, True, True),
        Candidate("TONY O'REILLY", 1, True, True),
    ])
    assert resolved["Bush"][0] == resolved["GEORGE W. BUSH"][0] == "George W. Bush"
    assert resolved["TONY O'REILLY"][0] == "Tony O'Reilly"
    assert resolve_people([Candidate("CDU /CSU", 1, True, True)])["CDU /CSU"][0] == "CDU /CSU"
