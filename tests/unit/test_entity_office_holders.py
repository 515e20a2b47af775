"""A bare family name of an office holder ("Bush", "Howard") is that person, by the
article's publication date and the countries it names (`office_holders`)."""

from datetime import date
from itertools import pairwise

import polars as pl

from newsetl.transforms.entities.office_holders import office_holder, office_holder_index
from tests.reference import reference_data
from tests.unit.entity_frames import normalized_mentions

REFERENCE = reference_data()
HOLDERS = office_holder_index([
    ("Bush", "George H. W. Bush", "US", "1989-01-20", "1993-01-20"),
    ("Bush", "George W. Bush", "US", "2001-01-20", "2009-01-20"),
    ("Saddam", "Saddam Hussein", "IQ", "", ""),
    ("Annan", "Kofi Annan", "", "1997-01-01", "2006-12-31"),
    ("Castro", "Fidel Castro", "CU", "1959-02-16", "2008-02-24"),
    ("Castro", "Raúl Castro", "CU", "2008-02-24", "2018-04-19"),
])


def test_a_family_name_is_the_holder_in_office_on_the_day_in_a_country_the_article_names():
    assert office_holder("Bush", date(2005, 3, 1), {"US"}, HOLDERS) == "George W. Bush"
    assert office_holder("Bush", date(1991, 3, 1), {"US", "IQ"}, HOLDERS) == "George H. W. Bush"
    assert office_holder("Castro", date(2010, 1, 1), {"CU"}, HOLDERS) == "Raúl Castro"
    # out of office, its country not named, or no date: nobody
    assert office_holder("Bush", date(1998, 3, 1), {"US"}, HOLDERS) is None
    assert office_holder("Bush", date(2005, 3, 1), {"IQ"}, HOLDERS) is None
    assert office_holder("Bush", None, {"US"}, HOLDERS) is None
    # a name that means one person at any date, and an international office
    assert office_holder("Saddam", None, {"IQ"}, HOLDERS) == "Saddam Hussein"
    assert office_holder("Annan", date(2003, 1, 1), set(), HOLDERS) == "Kofi Annan"
    # a longer name is never a bare family name
    assert office_holder("Jeb Bush", date(2005, 3, 1), {"US"}, HOLDERS) is None


def test_the_shipped_table_names_each_holder_once_a_day():
    # two holders of one name in office on one day would make the name ambiguous
    for name, holders in REFERENCE.office_holders.items():
        terms = sorted((h.start or date.min, h.end or date.max, h.canonical_name)
                       for h in holders)
        for (_s1, end, first), (start, _e2, second) in pairwise(terms):
            assert first == second or end <= start, name


def normalized(text: str, found: list[tuple[str, str]], published: date | None
               ) -> pl.DataFrame:
    return normalized_mentions(
        text, found, REFERENCE,
        ("surface_text", "label", "canonical_name", "entity_type", "match_rule"), published)


def test_an_article_takes_a_bare_family_name_to_the_office_holder():
    text = "Bush met troops in Iraq. The United States backed Bush's plan."
    found = [("Bush", "PERSON"), ("Iraq", "GPE"), ("The United States", "GPE"),
             ("Bush", "ORG")]
    rows = normalized(text, found, date(2006, 5, 1))
    bush = rows.filter(pl.col("surface_text").str.starts_with("Bush"))
    assert bush["canonical_name"].to_list() == ["George W. Bush"] * 2
    assert bush["label"].to_list() == ["PERSON", "PERSON"]
    assert bush["match_rule"].to_list() == ["alias_table"] * 2
    # a fuller name in the article wins, and an undated article keeps the name as written
    laura = normalized("Laura Bush met troops in Iraq. Bush praised the United States.",
                       [("Laura Bush", "PERSON"), ("Iraq", "GPE"), ("Bush", "PERSON"),
                        ("the United States", "GPE")], date(2006, 5, 1))
    assert set(laura["canonical_name"]) >= {"Laura Bush"}
    assert "George W. Bush" not in set(laura["canonical_name"])
    undated = normalized(text, found, None)
    assert "George W. Bush" not in set(undated["canonical_name"])


def test_normalizing_the_holders_canonical_name_again_changes_nothing():
    text = "George W. Bush met troops in Iraq. The United States backed him."
    rows = normalized(text, [("George W. Bush", "PERSON"), ("Iraq", "GPE"),
                             ("The United States", "GPE")], date(2006, 5, 1))
    bush = rows.filter(pl.col("surface_text") == "George W. Bush")
    assert bush["canonical_name"].to_list() == ["George W. Bush"]


def test_a_holders_full_name_in_another_spelling_is_the_holder_and_takes_its_short_forms():
    # a spelling that folds to the canonical name, and a table variant that needs the date
    chavez = normalized("Chavez spoke. Hugo Chavez left.",
                        [("Chavez", "PERSON"), ("Hugo Chavez", "PERSON")], None)
    assert chavez["canonical_name"].to_list() == ["Hugo Chávez"] * 2
    text = "Bush spoke. George Bush left."
    found = [("Bush", "PERSON"), ("George Bush", "PERSON")]
    assert normalized(text, found, date(2006, 1, 1))["canonical_name"].to_list() == [
        "George W. Bush"] * 2
    assert normalized(text, found, date(1991, 1, 1))["canonical_name"].to_list() == [
        "George H. W. Bush"] * 2
    # between their terms "George Bush" is either: it stays as written
    assert set(normalized(text, found, date(1997, 1, 1))["canonical_name"]) == {"George Bush"}


def test_a_holders_full_name_is_a_person_before_its_short_forms_are_resolved():
    # spaCy called the full name an organisation; the holder is a person, so the family
    # name and a misspelling find it, and a second pass over the holder's name agrees
    first = normalized("Erdogan spoke. Recep Tayyip Erdogan left.",
                       [("Erdogan", "ORG"), ("Recep Tayyip Erdogan", "ORG")], None)
    assert first["canonical_name"].to_list() == ["Recep Tayyip Erdoğan"] * 2
    assert first["label"].to_list() == ["PERSON"] * 2
    again = normalized("Erdogan spoke. Recep Tayyip Erdoğan left.",
                       [("Erdogan", "ORG"), ("Recep Tayyip Erdoğan", "ORG")], None)
    assert again["canonical_name"].to_list() == ["Recep Tayyip Erdoğan"] * 2
    misspelt = normalized("Edrogan spoke. Recep Tayyip Erdogan left.",
                          [("Edrogan", "PERSON"), ("Recep Tayyip Erdogan", "ORG")], None)
    assert misspelt["canonical_name"].to_list() == ["Recep Tayyip Erdoğan"] * 2
    # a family name two holders' full names share stays as written
    both = normalized("Bush left. George W. Bush and George H. W. Bush met.",
                      [("Bush", "ORG"), ("George W. Bush", "ORG"), ("George H. W. Bush", "ORG")],
                      None)
    assert both.filter(pl.col("surface_text") == "Bush")["canonical_name"].to_list() == ["Bush"]
    # ... and so does one that another full name of the article shares
    son = normalized("Gore left. Al Gore and Albert Gore III met.",
                     [("Gore", "PERSON"), ("Al Gore", "PERSON"), ("Albert Gore III", "PERSON")],
                     None)
    assert son.filter(pl.col("surface_text") == "Gore")["canonical_name"].to_list() == ["Gore"]
