"""The spelling vote: an entity shows the spelling most of its mentions write."""

import polars as pl

from newsetl.transforms.entities.keys import entity_key
from newsetl.transforms.entities.spelling_vote import spelling_counts, vote_canonical_names


def counts(*rows: tuple[str, str, int]) -> pl.DataFrame:
    """(name the key is made of, spelling, mentions) rows."""
    return pl.DataFrame(
        [(entity_key(keyed), spelling, n) for keyed, spelling, n in rows],
        schema={"entity_key": pl.Int64(), "spelling": pl.String(), "mentions": pl.Int64()},
        orient="row",
    )


def voted(frame: pl.DataFrame) -> dict[int, str]:
    out = vote_canonical_names(frame)
    assert out.schema == pl.Schema({"entity_key": pl.Int64(), "canonical_name": pl.String()})
    return dict(out.iter_rows())


def test_the_spelling_most_mentions_write_wins():
    out = voted(counts(("Tom DeLay", "Tom Delay", 13), ("Tom DeLay", "Tom DeLay", 83)))
    assert out == {entity_key("Tom DeLay"): "Tom DeLay"}


def test_counts_of_one_spelling_from_several_rows_add_up():
    out = voted(counts(("Sinn Fein", "Sinn Fein", 3), ("Sinn Fein", "Sinn Féin", 2),
                       ("Sinn Fein", "Sinn Féin", 2)))
    assert out == {entity_key("Sinn Fein"): "Sinn Féin"}


def test_a_tie_goes_to_the_spelling_with_accents_then_code_point_order():
    assert voted(counts(("Dili", "Dili", 2), ("Dili", "Díli", 2))) == {
        entity_key("Dili"): "Díli"}
    assert voted(counts(("Ebay", "Ebay", 1), ("Ebay", "EBay", 1))) == {
        entity_key("Ebay"): "EBay"}


def test_a_tie_goes_to_the_spelling_without_a_lone_initial_and_with_an_inner_article():
    # "Bennie G. Thompson" comes first in code-point order
    assert voted(counts(("Bennie Thompson", "Bennie G. Thompson", 1),
                        ("Bennie Thompson", "Bennie Thompson", 1))) == {
        entity_key("Bennie Thompson"): "Bennie Thompson"}
    assert voted(counts(("Ray Nagin", "C. Ray Nagin", 1), ("Ray Nagin", "Ray Nagin", 1))) == {
        entity_key("Ray Nagin"): "Ray Nagin"}
    assert voted(counts(("Ibrahim Jafari", "Ibrahim Jafari", 1),
                        ("Ibrahim Jafari", "Ibrahim al-Jafari", 1))) == {
        entity_key("Ibrahim Jafari"): "Ibrahim al-Jafari"}
    # a majority keeps its initial, and two initials are no lone middle initial
    assert voted(counts(("George W. Romney", "George W. Romney", 2),
                        ("George W. Romney", "George Romney", 1))) == {
        entity_key("George Romney"): "George W. Romney"}
    assert voted(counts(("George H. W. Bush", "George H. W. Bush", 1),
                        ("George H. W. Bush", "George H.W. Bush", 1))) == {
        entity_key("George H.W. Bush"): "George H. W. Bush"}


def test_a_spelling_with_another_key_has_no_say():
    # "Bush" resolved to the office holder is not a spelling of "George W. Bush"
    out = voted(counts(("George W. Bush", "Bush", 9), ("George W. Bush", "George W. Bush", 1)))
    assert out == {entity_key("George W. Bush"): "George W. Bush"}
    assert voted(counts(("George W. Bush", "Bush", 9))) == {}


def test_the_vote_is_per_entity():
    out = voted(counts(("Dili", "Díli", 1), ("Ban Ki-moon", "Ban Ki-Moon", 1),
                       ("Ban Ki-moon", "Ban Ki-moon", 4)))
    assert out == {entity_key("Dili"): "Díli", entity_key("Ban Ki-moon"): "Ban Ki-moon"}


def test_only_exact_mentions_are_counted():
    mentions = pl.DataFrame({
        "entity_key": [entity_key("Osama bin Laden")] * 3,
        "surface_text": ["Osama Bin Laden", "Osama bin Laden", "Osama Bin Laden"],
        "match_rule": ["exact", "exact", "alias_table"],
    })
    out = spelling_counts(mentions).sort("spelling")
    assert out.rows() == [(entity_key("Osama bin Laden"), "Osama Bin Laden", 1),
                          (entity_key("Osama bin Laden"), "Osama bin Laden", 1)]


def test_no_counts_no_names():
    assert vote_canonical_names(counts()).is_empty()
