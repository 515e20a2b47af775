"""normalize_entities: NER spans of many articles in, entity star-schema frames out.

A pure function of each article's spans plus shipped reference data, never of other
articles or the warehouse, so a nightly run and a backfill give the same keys and names.
Steps (on spans already read against their text by `context`, with the places NER missed
added by `missed_places`, or bare NER spans): drop
out-of-scope labels → known places nested in longer names (`nested`) → clean (`clean`;
a one-word name the text also writes in lower case is a common noun) → a place written
with its US state or country named with it (`place_qualifier`) → resolve per
article (`resolve`) → keys (`keys`, blind to accents and case), all in `resolve_mentions`,
which can take a batch's articles a few at a time; then, over the whole batch,
`entity_frames`: entities with voted type (`type_vote`) and spelling (`spelling_vote`),
demonym links (`demonym`) → alias explanations, and the places among them (`places`, one
row per place entity). Every span ends in `mentions` or `dropped`.
"""

from collections.abc import Mapping, Sequence
from datetime import date

import polars as pl

from newsetl.transforms.entities.acronym_labels import acronym_kinds
from newsetl.transforms.entities.city_labels import cities_of_named_countries
from newsetl.transforms.entities.clean import clean_mentions
from newsetl.transforms.entities.context import SPAN_CONTEXT_SCHEMA
from newsetl.transforms.entities.demonym import link_key, linked_country_rows
from newsetl.transforms.entities.gazetteer import Gazetteer
from newsetl.transforms.entities.keys import entity_keys
from newsetl.transforms.entities.labels import (
    known_kinds,
    labels_in_context,
    short_forms_of_people,
)
from newsetl.transforms.entities.nested import (
    add_nested_mentions,
    split_leading_places,
    without_overlapping_repeats,
)
from newsetl.transforms.entities.office_holders import (
    full_names_of_holders,
    with_office_holders,
)
from newsetl.transforms.entities.place_facts import one_row_per_place, place_rows
from newsetl.transforms.entities.place_qualifier import qualify_places
from newsetl.transforms.entities.reference import ReferenceData, lookup_known
from newsetl.transforms.entities.resolve import resolve_article
from newsetl.transforms.entities.schemas import (
    DROPPED_SPAN_SCHEMA,
    ENTITY_ALIAS_SCHEMA,
    ENTITY_MENTION_SCHEMA,
    ENTITY_SCHEMA,
    MATCH_RULES,
    OUT_OF_SCOPE_LABELS,
    RESOLVED_MENTION_SCHEMA,
    NormalizedEntities,
    ResolvedMentions,
    conform,
)
from newsetl.transforms.entities.spelling_vote import spelling_counts, vote_canonical_names
from newsetl.transforms.entities.title_parts import drop_title_parts
from newsetl.transforms.entities.titled_names import people_by_role, titled_people
from newsetl.transforms.entities.type_vote import vote_entity_type

_RESOLVED = {
    "canonical_name": pl.String(),
    "resolved_rule": pl.String(),
    "match_score": pl.Float64(),
    "linked_name": pl.String(),
}


def _drop_common_nouns(cleaned: pl.DataFrame, reference: ReferenceData) -> pl.DataFrame:
    """ "Rhythm", "Order", "Browsing": one capitalised word that the article also writes in
    lower case is a common noun at a sentence start or in a heading (spaCy often calls such
    words PERSON), unless it is a word of a longer name of the article, as written or as
    cleaned ("Bush" of "George Bush", "Rice" of "Condoleezza Rice", "Nokia" of "Nokia
    Inc.") or the reference data knows it."""
    capitalised = pl.element().str.contains(r"^[A-Z]")  # not the "the" of "the Order"
    in_longer_names = (
        pl.concat([
            cleaned.select("article_id", words=pl.col("clean_name").str.split(" ")),
            cleaned.select("article_id", words=pl.col("surface_text").str.split(" ")
                           .list.eval(pl.element().filter(capitalised))),
        ])
        .filter(pl.col("words").list.len() > 1)
        .explode("words")
        .unique()
        .select("article_id", clean_name="words", in_longer_name=pl.lit(True))
    )
    flagged = cleaned.join(in_longer_names, on=["article_id", "clean_name"], how="left",
                           maintain_order="left")
    suspect = (pl.col("lowercase_in_text") & pl.col("drop_reason").is_null()
               & pl.col("in_longer_name").is_null() & ~pl.col("clean_name").str.contains(" "))
    names = flagged.filter(suspect)["clean_name"].unique().to_list()
    common_names = sorted(n for n in names if lookup_known(reference, n) is None)
    common = suspect & pl.col("clean_name").is_in(common_names)
    return flagged.with_columns(
        drop_reason=pl.when(common).then(pl.lit("common_noun")).otherwise("drop_reason"),
        clean_name=pl.when(common).then(None).otherwise("clean_name"),
    ).drop("in_longer_name")


def _resolve(kept: pl.DataFrame, reference: ReferenceData,
             published: Mapping[str, date | None]) -> pl.DataFrame:
    """Each kept mention's corrected label and resolution, article by article (plain lists:
    a frame per article cost more than the rules themselves)."""
    rows_of: dict[str, list[int]] = {}
    for row, article_id in enumerate(kept["article_id"]):
        rows_of.setdefault(article_id, []).append(row)
    all_names, all_labels = kept["clean_name"].to_list(), kept["label"].to_list()
    speakers, acronyms = kept["speaker"].to_list(), kept["defines_acronym"].to_list()
    person_cues = [speaker or titled for speaker, titled
                   in zip(speakers, kept["person_title"].to_list(), strict=True)]
    starts, in_places = kept["start_char"].to_list(), kept["place_preposition"].to_list()
    labels: list[str] = list(all_labels)
    resolved: list[tuple] = [()] * kept.height
    for article_id, rows in rows_of.items():
        names = [all_names[r] for r in rows]
        article_labels = labels_in_context(
            names, [all_labels[r] for r in rows], [speakers[r] for r in rows], reference
        )
        article_labels = cities_of_named_countries(
            names, article_labels, [person_cues[r] for r in rows], reference)
        article_labels = full_names_of_holders(
            names, article_labels, published.get(article_id), reference)
        defined = {acronyms[r]: all_names[r] for r in rows if acronyms[r] is not None}
        resolution, article_labels = with_office_holders(
            resolve_article(names, article_labels, reference, defined,
                            [starts[r] for r in rows]),
            names, article_labels, published.get(article_id), reference)
        resolved_as = [(resolution[n].canonical_name, resolution[n].match_rule) for n in names]
        article_labels = short_forms_of_people(names, article_labels, resolved_as)
        article_labels = acronym_kinds(names, article_labels, resolved_as, reference)
        article_labels = known_kinds(article_labels,
                                     [canonical for canonical, _rule in resolved_as],
                                     [person_cues[r] for r in rows],
                                     [in_places[r] for r in rows], reference)
        for r, name, label in zip(rows, names, article_labels, strict=True):
            labels[r], resolved[r] = label, resolution[name]
    columns = pl.DataFrame(resolved, schema=_RESOLVED, orient="row") if resolved else (
        pl.DataFrame(schema=_RESOLVED))
    return kept.with_columns(pl.Series("label", labels, dtype=pl.String()),
                             *columns.get_columns())


def _match_rule() -> pl.Expr:
    plain = (
        pl.when(pl.col("surface_text") == pl.col("canonical_name"))
        .then(pl.lit("exact"))
        .otherwise(pl.lit("cleaned"))
    )
    return pl.coalesce(pl.col("resolved_rule"), plain).alias("match_rule")


def _entities(mentions: pl.DataFrame, places: pl.DataFrame) -> pl.DataFrame:
    linked = places.filter(pl.col("feature_class").is_not_null())["entity_key"].unique()
    voted = vote_canonical_names(spelling_counts(mentions))
    links = (
        mentions.group_by("entity_key")
        .agg(pl.col("canonical_name").first(), pl.col("linked_name").drop_nulls().min())
        .join(voted, on="entity_key", how="left", suffix="_voted")
        .with_columns(pl.coalesce("canonical_name_voted", "canonical_name").alias(
            "canonical_name"))
        .drop("canonical_name_voted")
    )
    # the type vote reads the voted name, as the loader's does after the name vote
    one_word = links.select("entity_key", one_word=~pl.col("canonical_name").str.contains(" "))
    counts = (
        mentions.group_by("entity_key", "label").agg(mentions=pl.len())
        .join(one_word, on="entity_key")
        .with_columns(linked_place=pl.col("entity_key").is_in(linked.implode()))
    )
    entities = (
        links.join(vote_entity_type(counts), on="entity_key", how="left", validate="1:1")
        .with_columns(linked_entity_key=pl.col("linked_name").map_elements(link_key, pl.Int64()))
        .pipe(conform, ENTITY_SCHEMA)
    )
    linked = dict(
        zip(
            links["linked_name"].map_elements(link_key, pl.Int64()),
            links["linked_name"],
            strict=True,
        )
    )
    linked.pop(None, None)
    return pl.concat([entities, linked_country_rows(entities, linked)]).sort("entity_key")


def _aliases(mentions: pl.DataFrame) -> pl.DataFrame:
    rank = pl.col("match_rule").replace_strict({r: i for i, r in enumerate(MATCH_RULES)})
    return (
        mentions.sort(rank, pl.col("match_score").fill_null(0.0), descending=[False, True])
        .group_by("surface_text", "entity_key", maintain_order=True)
        .agg(pl.col("match_rule").first(), pl.col("match_score").first())
        .rename({"surface_text": "surface_form"})
        .pipe(conform, ENTITY_ALIAS_SCHEMA)
        .sort("surface_form", "entity_key")
    )


def resolve_mentions(spans: pl.DataFrame, reference: ReferenceData,
                     published: Mapping[str, date | None] | None = None) -> ResolvedMentions:
    """Each span cleaned, resolved within its article and keyed, or dropped with a reason.

    `published`: each article's publication date, which says which office holder a bare
    family name is ("Bush" of 2005 is George W. Bush; `office_holders`); without it only
    the names that mean one person at any date are.

    Per article only, so the spans of a batch may be resolved a few articles at a time (as
    NER returns them) and the parts concatenated: `entity_frames` gives the same result.
    """
    for column, dtype in SPAN_CONTEXT_SCHEMA.items():
        if column not in spans.columns:  # spans not read against their text
            spans = spans.with_columns(pl.lit(None, dtype).alias(column))
    spans = conform(spans, SPAN_CONTEXT_SCHEMA).with_columns(
        pl.col("speaker", "lowercase_in_text", "person_title", "place_preposition",
               "preposition_before", "role_after").fill_null(False)
    )
    spans = people_by_role(titled_people(spans, reference), reference)
    spans = add_nested_mentions(split_leading_places(spans, reference), reference)
    in_scope = ~pl.col("label").is_in(sorted(OUT_OF_SCOPE_LABELS))
    out_of_scope = spans.filter(~in_scope).with_columns(drop_reason=pl.lit("out_of_scope_label"))
    cleaned = _drop_common_nouns(
        drop_title_parts(clean_mentions(spans.filter(in_scope), reference), reference),
        reference)
    dropped = pl.concat(
        [out_of_scope, cleaned.filter(pl.col("drop_reason").is_not_null())], how="diagonal"
    )
    kept = qualify_places(cleaned.filter(pl.col("drop_reason").is_null()),
                          reference.gazetteer or Gazetteer())
    resolved = _resolve(kept, reference, published or {})
    mentions = without_overlapping_repeats(resolved.with_columns(
        entity_key=entity_keys(resolved["canonical_name"]), match_rule=_match_rule()
    ))
    mentions = conform(mentions, RESOLVED_MENTION_SCHEMA)
    return ResolvedMentions(mentions=mentions, dropped=conform(dropped, DROPPED_SPAN_SCHEMA),
                            places=place_rows(mentions, reference.gazetteer or Gazetteer()))


def combine_resolved(parts: Sequence[ResolvedMentions]) -> ResolvedMentions:
    """The resolved mentions of several disjoint sets of articles, as one."""
    if not parts:
        return ResolvedMentions(mentions=pl.DataFrame(schema=RESOLVED_MENTION_SCHEMA),
                                dropped=pl.DataFrame(schema=DROPPED_SPAN_SCHEMA))
    return ResolvedMentions(mentions=pl.concat([part.mentions for part in parts]),
                            dropped=pl.concat([part.dropped for part in parts]),
                            places=pl.concat([part.places for part in parts]))


def entity_frames(resolved: ResolvedMentions) -> NormalizedEntities:
    """Canonical entities, their mentions and aliases from resolved mentions."""
    mentions = resolved.mentions
    return NormalizedEntities(
        mentions=conform(mentions, ENTITY_MENTION_SCHEMA).sort(
            "article_id", "start_char", "end_char"
        ),
        entities=_entities(mentions, resolved.places),
        aliases=_aliases(mentions),
        dropped=resolved.dropped.sort("article_id", "start_char"),
        places=one_row_per_place(resolved.places),
    )


def normalize_entities(spans: pl.DataFrame, reference: ReferenceData,
                       published: Mapping[str, date | None] | None = None
                       ) -> NormalizedEntities:
    """Canonical entities, their mentions and aliases for NER spans of many articles
    (`published`: as `resolve_mentions` takes it)."""
    return entity_frames(resolve_mentions(spans, reference, published))
