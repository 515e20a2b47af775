"""Rule 1: cleaning surface forms, and dropping what is not an entity."""

from functools import cache

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsetl.transforms.entities.clean import clean_mentions, clean_name
from tests.reference import reference_data
from tests.unit.entity_frames import normalized_mentions


@cache
def reference():
    return reference_data()


@pytest.mark.parametrize(
    ("surface", "label", "expected"),
    [
        ("Hamas’", "ORG", "Hamas"),
        ("Austen, Jane", "PERSON", "Jane Austen"),
        ("Macaulay, Thomas Babington", "PERSON", "Thomas Babington Macaulay"),
        ("John Smith, Jr.", "PERSON", "John Smith, Jr."),
        ("Paris, France", "PERSON", "Paris, France"),
        ("Washington, D.C.", "PERSON", "Washington, D.C."),
        ("Springfield, Illinois", "PERSON", "Springfield, Illinois"),
        ("Austen, Jane", "ORG", "Austen, Jane"),
        ("Israel's", "GPE", "Israel"),
        ("Israel’s", "GPE", "Israel"),
        ("the United Arab Emirates", "GPE", "United Arab Emirates"),
        ("the Gaza Strip’s", "GPE", "Gaza Strip"),
        ("President Erdogan", "PERSON", "Erdogan"),
        ("Sheikh Mohammed bin Zayed Al Nahyan", "PERSON", "Mohammed bin Zayed Al Nahyan"),
        ("UAE President Sheikh Mohammed bin Zayed", "PERSON", "Mohammed bin Zayed"),
        ("Israeli Prime Minister Ariel Sharon", "PERSON", "Ariel Sharon"),
        ("Prime Minister John Major", "PERSON", "John Major"),
        ("Dr. Jane Smith", "PERSON", "Jane Smith"),
        ("DR Congo", "GPE", "DR Congo"),  # a country the reference data knows, no doctor
        ("D.R. Congo", "GPE", "D.R. Congo"),
        ("Martin Luther King Jr.", "PERSON", "Martin Luther King Jr."),
        ("General Motors", "ORG", "General Motors"),
        ("The Hague", "GPE", "The Hague"),
        ("  ''Granja do Torto''  ", "FAC", "Granja do Torto"),
        ("“Hamas”", "ORG", "Hamas"),
        ("U.S.", "GPE", "U.S."),
        ("Swiss National Bank (SNB", "ORG", "Swiss National Bank"),
        ("Federal Reserve System (Fed)", "ORG", "Federal Reserve System"),
        ("New York (state)", "GPE", "New York (state)"),  # a place's canonical name
        ("Georgia (U.S. state)", "GPE", "Georgia (U.S. state)"),
        ("New York (the state)", "GPE", "New York"),  # an aside: no place is named so
        ("Shinui  party", "ORG", "Shinui"),
        ("Gaza strip", "GPE", "Gaza strip"),
        ("el-Sissi", "ORG", "El-Sissi"),
        ("eBay", "ORG", "eBay"),  # a brand's lower-case letter before a capital stays
        ("the iPod Classic", "PRODUCT", "iPod Classic"),
        ("iTunes'", "ORG", "iTunes"),
        ("Hebrew &mdash", "LANGUAGE", "Hebrew"),
        ("Saddam Hussein Infobox", "PERSON", "Saddam Hussein"),
        ("Khomeini praying.jpg|Imam Khomeini", "PERSON", "Khomeini"),
        ("-Ohio", "GPE", "Ohio"),
        ("Regarding Rabin", "PERSON", "Rabin"),
        ("these United States", "GPE", "United States"),
        ("Atlantic Lottery Corporation, Inc.", "ORG", "Atlantic Lottery Corporation"),
        ("Apple Inc.", "ORG", "Apple Inc."),  # "apple" is a word: the legal form stays
        ("Apple Inc", "ORG", "Apple Inc."),  # with its dot
        ("Google Inc.", "ORG", "Google"),  # "google" is a word, but a company known by it
        ("Microsoft Corporation", "ORG", "Microsoft"),  # written out, before a known company
        ("British Broadcasting Corporation", "ORG", "British Broadcasting Corporation"),
        ("Acme Corporation", "ORG", "Acme Corporation"),  # a company nobody here knows
        ("Enron Corp.", "ORG", "Enron"),  # a legal form without a comma, where the rest
        ("Berkshire Hathaway Inc", "ORG", "Berkshire Hathaway"),  # names the company alone
        ("Snowy Hydro Limited", "ORG", "Snowy Hydro"),
        ("Gordon & Co.", "ORG", "Gordon & Co."),  # "& Co." is no legal form alone
        ("Texas Co.", "ORG", "Texas Co."),  # the rest is a known place
        ("Acme Holdings, Ltd", "ORG", "Acme Holdings"),
        ("These U. S.", "GPE", "U.S."),
        ("U. N.", "ORG", "U.N."),
        ("J. R. Smith", "PERSON", "J. R. Smith"),
        ("[George W.] Bush", "PERSON", "George W. Bush"),
        ("[Danny O'Brien] Sigh", "PERSON", "Danny O'Brien"),  # the speaker, then his quote
        ("Danny O'Brien] Sigh", "PERSON", "Danny O'Brien"),  # spaCy's span inside them
        ("the Iraq war", "EVENT", "Iraq War"),  # an event's head word is its name's
        ("the Iraq war", "GPE", "Iraq"),
        ("[Bush] Administration", "ORG", "Bush Administration"),  # one word: not a speaker
        ("George H. W.] Bush", "PERSON", "George H. W. Bush"),
        ("Jon Smiht [sic]", "PERSON", "Jon Smiht"),
        ("BR>Queensland", "ORG", "Queensland"),  # an HTML tag before the name
        ("Founded)-->Tokyo Metropolitan University", "ORG", "Tokyo Metropolitan University"),
        ("Atomic Energy Agency]</nowiki>", "ORG", "Atomic Energy Agency"),
        ("AT&T", "ORG", "AT&T"),  # an ampersand, not an HTML entity
        ("Texas A&M University", "ORG", "Texas A&M University"),
        ("Japan &mdash", "GPE", "Japan"),  # an entity without its semicolon
        ("George W Bush", "PERSON", "George W. Bush"),  # an initial takes its dot
        ("anti-Syrian", "NORP", "Syrian"),  # a prefix before a name
        ("Pro-Mubarak", "PERSON", "Mubarak"),
        ("anti-Semitism", "NORP", "Anti-Semitism"),  # an ideology: one word
        ("non-Iraqi", "NORP", "Non-Iraqi"),  # not what it names
        ("Anti-Defamation League", "ORG", "Anti-Defamation League"),  # a name of its own
        ("N. Korea's", "GPE", "North Korea"),  # a compass point cut short before a place
        ("S.Korea", "GPE", "South Korea"),
        ("N. Ireland", "GPE", "Northern Ireland"),
        ("W. Virginia", "GPE", "West Virginia"),  # a US state
        ("N. Korean", "NORP", "North Korean"),  # its people
        ("N. Simrock", "PERSON", "N. Simrock"),  # an initial: "North Simrock" is nowhere
        ("S. Smith", "PERSON", "S. Smith"),
    ],
)
def test_clean_name(surface, label, expected):
    assert clean_name(surface, label, reference()) == (expected, None)


@pytest.mark.parametrize(
    ("surface", "label", "reason"),
    [
        ("he", "PERSON", "pronoun"),
        ("They", "NORP", "pronoun"),
        ("1,200", "ORG", "numeric"),
        ("7th", "PERSON", "numeric"),
        ("Tuesday", "ORG", "date_like"),
        ("October 7", "EVENT", "date_like"),
        ("X", "ORG", "too_short"),
        ("Word " * 40, "ORG", "too_long"),
        ("the President", "PERSON", "title_only"),
        ("Sheikh", "PERSON", "title_only"),
        ("Chief Justice", "PERSON", "title_only"),  # a title of two words, neither one alone
        ("the Secretary of State", "ORG", "title_only"),
        ("Mlle", "PERSON", "title_only"),
        ("militants", "NORP", "not_capitalised"),
        ("http://example.org/page", "ORG", "markup"),
        ('style="background:#9999FF', "ORG", "markup"),  # an HTML attribute
        ("WIDTH=25%", "GPE", "markup"),
        ("NOTOC", "PERSON", "markup"),  # of "__NOTOC__", a wiki behaviour switch
        ("__NOEDITSECTION__", "ORG", "markup"),
    ],
)
def test_drop_reason(surface, label, reason):
    assert clean_name(surface, label, reference()) == (None, reason)


def test_us_is_not_the_pronoun_us():
    assert clean_name("US", "GPE", reference()) == ("US", None)


def test_month_name_labelled_person_is_kept():
    assert clean_name("May", "PERSON", reference()) == ("May", None)


def test_clean_mentions_adds_exactly_one_of_name_and_reason():
    frame = pl.DataFrame({"surface_text": ["Hamas’", "he"], "label": ["ORG", "PERSON"]})
    out = clean_mentions(frame, reference())
    assert out["clean_name"].to_list() == ["Hamas", None]
    assert out["drop_reason"].to_list() == [None, "pronoun"]


PIECES = ["the ", "President ", "'s", "’", " al-", "Ab", "Xy", "ğé", ".", ",", "(", ")", '"', " "]
NAMEISH = st.lists(st.sampled_from(PIECES), max_size=10).map("".join)


@given(NAMEISH, st.sampled_from(["PERSON", "ORG", "GPE", "NORP"]))
def test_cleaning_is_idempotent(surface, label):
    cleaned, reason = clean_name(surface, label, reference())
    if cleaned is not None:
        assert clean_name(cleaned, label, reference()) == (cleaned, None)
    else:
        assert reason is not None


@pytest.mark.parametrize("surface", ["Chief Justice Roberts", "General Motors", "Justice League"])
def test_a_title_followed_by_a_name_is_no_title_only_span(surface):
    assert clean_name(surface, "ORG", reference())[1] is None


def test_a_portfolio_an_office_with_for_opens_is_part_of_the_title():
    text = ("The Minister for Transport and Regional Services, the EU Commissioner for "
            "Enlargement, the Shadow Minister for Family and Community Services, the Secretary "
            "for the Department of Parliamentary Services, the Foreign Secretary for the "
            "United Kingdom and a minister for the Conservative Party met.")
    found = [("Transport and Regional Services", "ORG"), ("EU", "ORG"), ("Enlargement", "ORG"),
             ("Family and Community Services", "ORG"),
             ("the Department of Parliamentary Services", "ORG"),
             ("the United Kingdom", "GPE"), ("the Conservative Party", "ORG")]
    out = normalized_mentions(text, found, reference(), ("surface_text", "canonical_name"))
    assert sorted(out["surface_text"]) == [
        "EU", "the Conservative Party", "the Department of Parliamentary Services",
        "the United Kingdom"]


@pytest.mark.parametrize(("surface", "expected"), [
    ("the National party", "National Party"),
    ("the Green party", "Green Party"),
    ("Serbian Radical party", "Serbian Radical Party"),
    ("Shinui party", "Shinui"),  # a party's own name before "party"
    ("the United Future party", "United Future"),
    ("UMP party", "UMP"),
    ("African National Congress party", "African National Congress"),
    ("the Irish republican party", "Irish"),
])
def test_a_party_keeps_its_head_word_after_a_word_of_political_colour(surface, expected):
    assert clean_name(surface, "ORG", reference()) == (expected, None)


def test_a_national_party_of_the_articles_country_is_that_countrys():
    text = "In Wellington the National party said the Labour party had lied."
    found = [("Wellington", "GPE"), ("the National party", "ORG"), ("the Labour party", "ORG")]
    out = normalized_mentions(text, found, reference(), ("surface_text", "canonical_name"))
    assert dict(out.iter_rows())["the National party"] == "New Zealand National Party"


@pytest.mark.parametrize("surface", ["Majesty", "Majesty King", "Excellency"])
def test_a_form_of_address_alone_is_no_name(surface):
    assert clean_name(surface, "PERSON", reference()) == (None, "title_only")


def test_a_form_of_address_comes_off_a_name():
    assert clean_name("His Holiness Pope Benedict XVI", "PERSON", reference()) == (
        "Pope Benedict XVI", None)
