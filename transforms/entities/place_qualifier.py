"""Rule 1c: a place written with its US state or its country ("Sun Valley, Idaho",
"Tripoli, Lebanon") is named with it.

spaCy tags "Sun Valley" and "Idaho" as two places. The comma says which Sun Valley the
text means, where the article's other places may not (a town under 100,000 people links
only in its state; most towns are not in the gazetteer at all; "Tripoli" alone is the
Libyan capital). So a place name followed by ", " and a US state's, a country's or a
first-level region's name takes it into its cleaned name, as canonical place names are
written ("Springfield, Illinois", "Zug, Switzerland"): the linker then selects within that
state or country (`places.candidates`; after a first-level region abroad, which has no
geonames code here, within its country: "London, Ontario" is London, Canada), and a US
town the gazetteer lacks keeps the qualified name, so two towns of one name stay two
entities and the place mart counts the town for the United States (`place_facts`). The
state's or country's own mention stays a mention of it.

Not qualified: a name that is itself a country, state or continent ("Texas, Oklahoma and
Kansas", "France, Germany" are lists), a name that alone means one city: of another state
or country, it is a list ("in Boston, Texas and California", "Kabul, Pakistan and India"),
of that one, the qualifier adds nothing and the name stays as written, so an acronym the
text gives it still matches ("New York City, New York (NYC)"); a name written before a
country that is no city of that country in the gazetteer: international news lists
countries and regions far more often than it qualifies a village ("Yugoslavia, Rwanda and
Somalia", "US, Australia", "British Columbia, Canada"); and a word of a person's name in
the article ("Lula, Brazil" beside "Luiz Inácio Lula da Silva").
"Vancouver, Washington" is qualified: alone, Vancouver is the Canadian city.
Other mentions of the same name in the article, labelled a place, take the same qualified
name when the article qualifies it one way only.
"""

import polars as pl

from newsetl.transforms.entities.gazetteer import Gazetteer, area_after_comma
from newsetl.transforms.entities.places import (
    candidates,
    is_inside,
    means_alone,
    names_an_area,
)
from newsetl.transforms.entities.schemas import PLACE_LABELS

QUALIFIED_LABELS = ("GPE", "LOC")  # spaCy's labels for towns; a FAC is a building or road


def qualified_name(name: str, after_comma: str, gazetteer: Gazetteer) -> str | None:
    """ "Sun Valley, Idaho" for "Sun Valley" followed by ", Idaho", or None when the name
    after the comma is no US state or country or the two names are a list."""
    written = f"{name}, {after_comma}"
    area = area_after_comma(written, gazetteer)
    if area is None or ", " in name or names_an_area(name, None, gazetteer):
        return None
    cities = [p for p in candidates(name, None, gazetteer) if p.feature_class == "city"]
    inside = [c for c in cities if is_inside(c, area)]
    if cities and means_alone(name, cities, gazetteer) and (
            not inside or inside[0] == cities[0]):
        return None  # "Boston, Texas and California" is a list; "Las Vegas" says it all
    if area.feature_class == "country" and not inside:
        return None  # "Yugoslavia, Rwanda and Somalia", "US, Australia": most often a list
    return written


def _people_of(mentions: pl.DataFrame, article_ids: pl.Series) -> dict[str, list[str]]:
    """The cleaned names labelled PERSON of these articles."""
    people = mentions.filter(pl.col("article_id").is_in(article_ids.implode())
                             & (pl.col("label") == "PERSON") & pl.col("clean_name").is_not_null())
    found: dict[str, list[str]] = {}
    for article_id, name in people.select("article_id", "clean_name").unique().iter_rows():
        found.setdefault(article_id, []).append(name)
    return found


def _is_word_of(name: str, person: str) -> bool:
    return name != person and f" {name} " in f" {person} "


def qualify_places(mentions: pl.DataFrame, gazetteer: Gazetteer) -> pl.DataFrame:
    """`mentions` (`article_id`, `label`, `clean_name`, `name_after_comma`) with each place
    name written before ", <US state or country>" qualified by it, and the article's other
    place mentions of the name with it when the article qualifies the name one way only."""
    followed = (pl.col("label").is_in(QUALIFIED_LABELS) & pl.col("clean_name").is_not_null()
                & pl.col("name_after_comma").is_not_null())
    pairs = mentions.filter(followed).select(
        "article_id", "clean_name", "name_after_comma").unique()
    if pairs.is_empty():
        return mentions
    people = _people_of(mentions, pairs["article_id"].unique())
    qualified = {}
    rows = []
    for article_id, name, after in pairs.iter_rows():
        if (name, after) not in qualified:
            qualified[name, after] = qualified_name(name, after, gazetteer)
        rows.append((article_id, name, after, None if any(
            _is_word_of(name, person) for person in people.get(article_id, ()))
            else qualified[name, after]))
    written = mentions.join(
        pl.DataFrame(rows, schema={"article_id": pl.String(), "clean_name": pl.String(),
                                   "name_after_comma": pl.String(),
                                   "written_qualified": pl.String()}, orient="row"),
        on=["article_id", "clean_name", "name_after_comma"], how="left",
        maintain_order="left")
    one_way = (
        written.filter(pl.col("written_qualified").is_not_null())
        .select("article_id", "clean_name", "written_qualified").unique()
        .filter(pl.len().over("article_id", "clean_name") == 1)
        .rename({"written_qualified": "named_qualified"})
    )
    return (
        written.join(one_way, on=["article_id", "clean_name"], how="left",
                     maintain_order="left")
        .with_columns(clean_name=pl.coalesce(
            pl.when(followed).then("written_qualified"),
            pl.when(pl.col("label").is_in(sorted(PLACE_LABELS))).then("named_qualified"),
            "clean_name"))
        .drop("written_qualified", "named_qualified")
    )
