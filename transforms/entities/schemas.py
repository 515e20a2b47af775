"""Output contracts of entity normalization (normalize → load).

`normalize_entities` returns one `NormalizedEntities`: every input span is either a row of
`mentions` or a row of `dropped`, never neither.
"""

from dataclasses import dataclass, field

import polars as pl

# One kept span, resolved to its entity.
ENTITY_MENTION_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "entity_key": pl.Int64(),
    "surface_text": pl.String(),  # exactly as spaCy gave it
    "label": pl.String(),  # spaCy's label for this mention (type vote is per entity)
    "start_char": pl.Int32(),
    "end_char": pl.Int32(),
    "sentence_index": pl.Int32(),
    "match_rule": pl.String(),  # one of MATCH_RULES
    "match_score": pl.Float64(),  # similarity 0–100 for `fuzzy`, else null
}

# A mention as resolved within its article, before the batch's entities are built.
RESOLVED_MENTION_SCHEMA: dict[str, pl.DataType] = {
    **ENTITY_MENTION_SCHEMA,
    "canonical_name": pl.String(),
    "linked_name": pl.String(),  # the country a demonym points to, if any
}

# One row per entity key.
ENTITY_SCHEMA: dict[str, pl.DataType] = {
    "entity_key": pl.Int64(),
    "canonical_name": pl.String(),
    "entity_type": pl.String(),  # majority spaCy label of its mentions (see type_vote)
    "linked_entity_key": pl.Int64(),  # a demonym's country; else null
}

# One row per (surface form, entity): why a surface form went where it went.
ENTITY_ALIAS_SCHEMA: dict[str, pl.DataType] = {
    "surface_form": pl.String(),
    "entity_key": pl.Int64(),
    "match_rule": pl.String(),
    "match_score": pl.Float64(),
}

# One row per place entity: an entity the gazetteer links by its canonical name, or one a
# mention labelled GPE/LOC/FAC that it does not (geonames columns null, the reason set; a
# region outside the US keeps its country and name: `place_facts.region_of`). A
# function of the canonical name alone (`place_facts.place_attributes`). Demonyms are not places.
PLACE_SCHEMA: dict[str, pl.DataType] = {
    "entity_key": pl.Int64(),
    "geonames_id": pl.Int64(),
    "feature_class": pl.String(),  # continent, country, admin1 (a region), city
    "country_code": pl.String(),  # ISO 3166-1 alpha-2
    "country_name": pl.String(),  # the canonical name of that country
    "admin1_code": pl.String(),  # geonames first-level code ("IL", "ENG", "11")
    "admin1_name": pl.String(),  # ISO 3166-2 name where admin1_code is an ISO code
    "latitude": pl.Float64(),
    "longitude": pl.Float64(),
    "unlinked_reason": pl.String(),  # one of places.UNLINKED_REASONS; null when linked
}

# One span that is not an entity (or not this module's business), with the reason.
DROPPED_SPAN_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "surface_text": pl.String(),
    "label": pl.String(),
    "start_char": pl.Int32(),
    "drop_reason": pl.String(),  # one of DROP_REASONS
}

# Why a surface form went to its entity, in the order the rules are tried.
MATCH_RULES = (
    "exact",  # the surface form is the canonical name
    "cleaned",  # equal after cleaning (quotes, possessive, article, title, punctuation)
    "alias_table",  # shipped alias data (countries, places, organisations), or the office
    # holder a bare family name names on the publication date ("Bush" of 2005)
    "acronym",  # acronym table, or initials of a longer name in the same article
    "short_form",  # part of a longer name in the same article: a person's family or given
    # name, an organisation's head word ("the Commission" of "European Commission"); or a
    # person's full name with middle names, of the name the article writes without them
    "fuzzy",  # close misspelling of a known or same-article name (score recorded)
    "demonym",  # a nationality adjective, linked to its country
)

DROP_REASONS = (
    "out_of_scope_label",  # DATE/TIME/PERCENT/MONEY/QUANTITY/ORDINAL/CARDINAL
    "pronoun",
    "numeric",  # no letters, or a number written with letters and digits
    "date_like",  # month, weekday or relative-day words NER took for a name
    "too_short",  # one character after cleaning
    "too_long",  # longer than MAX_NAME_CHARS or MAX_NAME_TOKENS
    "title_only",  # nothing left once articles and titles are removed ("the President"),
    # or only part of a title: "State" of "Secretary of State", "Defence" of "Defence Minister"
    "not_capitalised",  # no capital letter at all: a common noun, not a name
    "markup",  # a URL, file name or HTML attribute caught in the span
    "common_noun",  # one capitalised word the article also writes in lower case, or an
    # abbreviation of a common noun ("GDP", "ATM", "PhD")
)

# spaCy labels that name a place.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

OUT_OF_SCOPE_LABELS = frozenset(
    {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
)


@dataclass(frozen=True)
class ResolvedMentions:
    """Mentions of some articles resolved within each article, plus what was dropped."""

    mentions: pl.DataFrame  # RESOLVED_MENTION_SCHEMA, in span order
    dropped: pl.DataFrame  # DROPPED_SPAN_SCHEMA
    places: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=PLACE_SCHEMA))


@dataclass(frozen=True)
class NormalizedEntities:
    """The star-schema frames of one normalization run, plus what was dropped."""

    mentions: pl.DataFrame  # ENTITY_MENTION_SCHEMA
    entities: pl.DataFrame  # ENTITY_SCHEMA
    aliases: pl.DataFrame  # ENTITY_ALIAS_SCHEMA
    dropped: pl.DataFrame  # DROPPED_SPAN_SCHEMA
    places: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=PLACE_SCHEMA))


def conform(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Exactly the schema's columns, in its order, cast to its types."""
    return frame.select(pl.col(name).cast(dtype) for name, dtype in schema.items())
