"""A federation's region and its seat of one name ("Quebec" and Quebec City, "Oaxaca" and
Oaxaca City): the bare name is the region where geonames also writes the city "<Name> City",
as Wikipedia titles them; on small frames, the shipped gazetteer and real sentences."""

import pytest

from newsetl.transforms.entities.gazetteer import CityRow
from newsetl.transforms.entities.other_names import (
    Region,
    city_forms_beside_regions,
    with_seat_codes,
)
from tests.reference import reference_data
from tests.unit.test_entity_place_qualifier import canonical_names, normalized

REFERENCE = reference_data()
GAZETTEER = REFERENCE.gazetteer
QUEBEC_CITY_ID = 6325494


def city(gid: int, name: str, country: str, admin1: str, *alternates: str) -> CityRow:
    return CityRow(gid, name, country, admin1, 0.0, 0.0, 500_000, alternates)


def test_a_city_written_with_city_beside_a_region_of_its_name_takes_that_form():
    cities = [
        city(1, "Québec", "CA", "10", "Quebec City", "Kebek"),
        city(2, "São Paulo", "BR", "27", "Sao Paulo", "Sampa"),  # never "São Paulo City"
        city(3, "Puebla", "MX", "21", "Puebla City", "Puebla de Zaragoza"),
        city(4, "Oaxaca", "US", "TX", "Oaxaca City"),  # the region is another country's
    ]
    regions = {"quebec": {"CA"}, "sao paulo": {"BR"}, "puebla": {"MX"}, "oaxaca": {"MX"}}
    assert city_forms_beside_regions(cities, regions) == {1: "Quebec City", 3: "Puebla City"}


def test_the_region_takes_its_seats_geonames_code_where_it_had_none():
    regions = {"quebec": Region("CA", None, "Quebec"), "ontario": Region("CA", None, "Ontario"),
               "scotland": Region("GB", "SCT", "Scotland")}
    seats = [city(1, "Québec", "CA", "10"), city(2, "Scotland", "CA", "99")]
    assert with_seat_codes(regions, seats) == {
        "quebec": Region("CA", "10", "Quebec"), "ontario": Region("CA", None, "Ontario"),
        "scotland": Region("GB", "SCT", "Scotland")}  # another country's city changes nothing


@pytest.mark.parametrize(("name", "canonical", "geonames_id"), [
    ("Quebec", "Quebec", None),  # the province
    ("Québec", "Québec", None),  # as written; the key is Quebec's (keys ignore accents)
    ("Quebec City", "Quebec City", QUEBEC_CITY_ID),
    ("Oaxaca", "Oaxaca", None),  # the Mexican state
    ("Oaxaca City", "Oaxaca City", 3522507),
    ("São Paulo", "São Paulo", 3448439),  # the city, as before: no "São Paulo City"
    ("Berlin", "Berlin", 2950159),  # a city-state is one place
])
def test_the_bare_name_is_the_region_and_the_city_form_the_city(name, canonical, geonames_id):
    text = f"The vote in {name} was close, officials said."
    result = normalized(text, [(name, "GPE")])
    row = result.places.join(result.entities, on="entity_key").row(0, named=True)
    assert (row["canonical_name"], row["geonames_id"]) == (canonical, geonames_id)


def test_the_province_has_a_dim_place_row_with_its_country_and_its_seats_code():
    text = "Muslims in the province of Quebec were told to remove their veils on Monday."
    result = normalized(text, [("Quebec", "GPE")])
    row = result.places.join(result.entities, on="entity_key").row(0, named=True)
    assert (row["canonical_name"], row["geonames_id"], row["feature_class"],
            row["country_code"], row["admin1_code"], row["admin1_name"],
            row["unlinked_reason"]) == (
        "Quebec", None, "admin1", "CA", "10", "Quebec", "no_geonames_id")
    city_row = GAZETTEER.places[QUEBEC_CITY_ID]
    assert (city_row.country_code, city_row.admin1_code) == ("CA", "10")  # joins its cities


def test_naming_the_province_links_its_small_towns_as_a_us_state_does():
    text = ("The union said the Wal-Mart in Jonquière would close; the Quebec labour board "
            "will hear the case.")
    found = [("Jonquière", "GPE"), ("Quebec", "GPE")]
    assert canonical_names(text, found) == [
        ("Jonquière", "Jonquière, Canada"), ("Quebec", "Quebec")]
    alone = "The union said the Wal-Mart in Jonquière would close."
    assert canonical_names(alone, [("Jonquière", "GPE")]) == [("Jonquière", "Jonquière")]


def test_scotland_does_not_make_boston_a_scottish_or_english_town():
    text = "Flights from Boston to Scotland resumed on Tuesday."
    found = [("Boston", "GPE"), ("Scotland", "GPE")]
    assert canonical_names(text, found) == [("Boston", "Boston"), ("Scotland", "Scotland")]
