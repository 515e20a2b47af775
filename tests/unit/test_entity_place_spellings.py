"""Other spellings of cities ("Basra" for geonames' "Basrah"): which of geonames' other
names the gazetteer keeps, and that they link only where the article names the country."""

import polars as pl

from newsetl.transforms.entities.gazetteer import LINK_ALONE_POPULATION, CityRow
from newsetl.transforms.entities.normalize import normalize_entities
from newsetl.transforms.entities.other_names import alternate_names, is_spelling_of, saint_spellings
from newsetl.transforms.entities.place_facts import place_attributes
from newsetl.transforms.entities.places import link_places
from newsetl.transforms.schemas import NER_SPAN_SCHEMA
from tests.reference import reference_data

REFERENCE = reference_data()
GAZETTEER = REFERENCE.gazetteer


def linked(*names: str) -> dict[str, str]:
    links = link_places(dict.fromkeys(names), GAZETTEER)
    return {n: link.place.canonical_name if link.place else f"[{link.unlinked_reason}]"
            for n, link in links.items()}


def city(gid: int, name: str, population: int, *alternates: str, country: str = "IQ"):
    return CityRow(gid, name, country, "01", 0.0, 0.0, population, alternates)


def test_spellings_are_close_or_add_or_drop_whole_words():
    assert is_spelling_of("basra", "basrah")
    assert is_spelling_of("fallujah", "al fallujah")  # without the article
    assert is_spelling_of("frankfurt", "frankfurt am main")
    assert is_spelling_of("gaza city", "gaza")
    assert not is_spelling_of("park city", "bridgeport")  # a nickname
    assert not is_spelling_of("henan", "hengyang")  # the province, not the city
    assert not is_spelling_of("gaz", "gaza city")  # not a whole word


def test_only_latin_spellings_of_big_cities_that_mean_nothing_else_are_kept():
    cities = [
        city(1, "Basrah", 1_300_000, "Basra", "Al-Basrah", "البصرة", "Bassora", "bàsra"),
        city(2, "Smalltown", 50_000, "Smaltown"),  # too small to be named alone anyway
        city(3, "Ankara", 3_500_000, "Ankarah", "Ankaro", "Ankra", country="TR"),
        city(4, "Rafah", 120_000, "Rafa", "Raf"),
    ]
    kept = alternate_names(cities, taken={"ankaro"}, words={"ankra"},
                           min_population=LINK_ALONE_POPULATION)
    # Left out: Arabic script, not a spelling (the Italian name), not capitalised, a name
    # the gazetteer has, a common word, under four letters.
    assert kept == {"basra": (1,), "al basrah": (1,), "ankarah": (3,), "rafa": (4,)}


def test_a_spelling_of_several_cities_lists_the_most_populous_first():
    cities = [city(1, "Tripoli", 200_000, "Tripolis", country="LB"),
              city(2, "Tripoli", 1_100_000, "Tripolis", country="LY")]
    assert alternate_names(cities, taken=()) == {"tripolis": (2, 1)}


def test_another_spelling_links_only_where_the_article_names_the_country():
    assert linked("Basra", "Iraq") == {"Basra": "Basrah", "Iraq": "Iraq"}
    assert linked("Fallujah", "Baghdad")["Fallujah"] == "Al Fallujah"  # a city names Iraq
    assert linked("Teheran", "Iran")["Teheran"] == "Tehran"
    assert linked("Teheran") == {"Teheran": "[ambiguous]"}
    assert linked("Basra") == {"Basra": "[ambiguous]"}
    # Ankara's Spanish and Italian name, and the Siberian river's English one
    assert linked("Angara", "Russia")["Angara"] == "[ambiguous]"
    assert linked("Basraville", "Iraq")["Basraville"] == "[unknown]"


def test_an_unlinked_spelling_of_a_city_is_ambiguous_not_unknown():
    assert place_attributes("Basra", GAZETTEER).unlinked_reason == "ambiguous"
    assert place_attributes("Basrah", GAZETTEER).place.country_code == "IQ"


def test_the_mention_takes_the_citys_canonical_name_and_the_alias_its_spelling():
    spans = pl.DataFrame(
        [("a1", 0, 5, "Basra", "GPE", 0), ("a1", 30, 34, "Iraq", "GPE", 1)],
        schema=NER_SPAN_SCHEMA, orient="row")
    out = normalize_entities(spans, REFERENCE)
    joined = out.mentions.join(out.entities, on="entity_key")
    basra = joined.filter(pl.col("surface_text") == "Basra").row(0, named=True)
    assert basra["canonical_name"] == "Basrah"
    assert basra["match_rule"] == "alias_table"
    place = out.places.filter(pl.col("entity_key") == basra["entity_key"]).row(0, named=True)
    assert place["geonames_id"] == GAZETTEER.by_canonical["Basrah"]


def test_saint_and_st_are_one_spelling_of_a_citys_name():
    assert saint_spellings("Saint Paul") == ["st paul"]
    assert saint_spellings("Sainte-Anne") == ["ste anne", "st anne"]
    assert saint_spellings("St. Catharines") == ["saint catharines"]
    assert saint_spellings("Santa Ana") == saint_spellings("Saint") == []
    assert linked("St. Paul", "St Paul")["St. Paul"] == "Saint Paul, Minnesota"
    assert linked("St Paul")["St Paul"] == "Saint Paul, Minnesota"


def test_a_saint_spelling_never_takes_another_places_name_of_its_size():
    # "Saint-Louis" (Senegal) and St. Louis are of a size: each keeps its own name
    assert linked("St. Louis")["St. Louis"] == "St. Louis"
    assert linked("Saint Louis")["Saint Louis"] == "Saint-Louis"
    # Saint Petersburg dwarfs St. Petersburg, Florida: alone it is the Russian city,
    # beside Florida the American one
    assert linked("St. Petersburg")["St. Petersburg"] == "Saint Petersburg"
    assert linked("St. Petersburg", "Florida")["St. Petersburg"] == "St. Petersburg, Florida"
