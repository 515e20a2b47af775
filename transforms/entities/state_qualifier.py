"""Rule 1c: a US place written with its state ("Sun Valley, Idaho") is named with it.

spaCy tags "Sun Valley" and "Idaho" as two places. The comma says which Sun Valley the text
means, where the article's other places may not (a town under 100,000 people links only in
its state; most towns are not in the gazetteer at all). So a place name followed by ", " and
a US state's name takes the state into its cleaned name, as canonical US place names are
written ("Springfield, Illinois"): the linker then selects within that state
(`places.candidates`), and a town the gazetteer lacks keeps the qualified name, so two towns
of one name in different states stay two entities and the place mart counts it for the
United States (`place_facts`). The state's own mention stays a mention of the state.

Not qualified: a name that is itself a country, state or continent ("Texas, Oklahoma and
Kansas" is a list), and a name that alone means one city: of another state, it is a list
("in Boston, Texas and California"), of that state, the state adds nothing and the name
stays as written, so an acronym the text gives it still matches ("New York City, New York
(NYC)"). "Vancouver, Washington" is qualified: alone, Vancouver is the Canadian city.
Other mentions of the same name in the article, labelled a place, take the same qualified
name when the article qualifies it with one state only.
"""

import polars as pl

from newsetl.transforms.entities.gazetteer import Gazetteer
from newsetl.transforms.entities.places import candidates, means_alone, names_an_area
from newsetl.transforms.entities.reference import fold

QUALIFIED_LABELS = ("GPE", "LOC")  # spaCy's labels for towns; a FAC is a building or road
PROPAGATED_LABELS = ("GPE", "LOC", "FAC")


def state_qualified_name(name: str, after_comma: str, gazetteer: Gazetteer) -> str | None:
    """ "Sun Valley, Idaho" for "Sun Valley" followed by ", Idaho", or None when the name
    after the comma is no US state or the two names are a list."""
    code = gazetteer.state_codes.get(fold(after_comma))
    if code is None or ", " in name or names_an_area(name, None, gazetteer):
        return None
    cities = [p for p in candidates(name, None, gazetteer) if p.feature_class == "city"]
    if cities and means_alone(name, cities, gazetteer):
        in_state = [c for c in cities if c.country_code == "US" and c.admin1_code == code]
        if not in_state or in_state[0] == cities[0]:
            return None  # "Boston, Texas and California" is a list; "Las Vegas" says it all
    return f"{name}, {after_comma}"


def qualify_by_state(mentions: pl.DataFrame, gazetteer: Gazetteer) -> pl.DataFrame:
    """`mentions` (`article_id`, `label`, `clean_name`, `name_after_comma`) with each place
    name written before ", <US state>" qualified by that state, and the article's other
    place mentions of the name with it when the article gives the name one state only."""
    followed = (pl.col("label").is_in(QUALIFIED_LABELS) & pl.col("clean_name").is_not_null()
                & pl.col("name_after_comma").is_not_null())
    pairs = mentions.filter(followed).select("clean_name", "name_after_comma").unique()
    if pairs.is_empty():
        return mentions
    qualified_of = pl.DataFrame(
        [(name, after, state_qualified_name(name, after, gazetteer))
         for name, after in pairs.iter_rows()],
        schema={"clean_name": pl.String(), "name_after_comma": pl.String(),
                "written_with_state": pl.String()}, orient="row")
    written = mentions.join(qualified_of, on=["clean_name", "name_after_comma"], how="left",
                            maintain_order="left")
    one_state = (
        written.filter(pl.col("written_with_state").is_not_null())
        .select("article_id", "clean_name", "written_with_state").unique()
        .filter(pl.len().over("article_id", "clean_name") == 1)
        .rename({"written_with_state": "named_with_state"})
    )
    return (
        written.join(one_state, on=["article_id", "clean_name"], how="left",
                     maintain_order="left")
        .with_columns(clean_name=pl.coalesce(
            pl.when(followed).then("written_with_state"),
            pl.when(pl.col("label").is_in(PROPAGATED_LABELS)).then("named_with_state"),
            "clean_name"))
        .drop("written_with_state", "named_with_state")
    )
