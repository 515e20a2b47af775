"""Type by vote: an entity's type is the label most of its mentions carry.

A pure function of mention counts, so the loader can apply it over the whole warehouse.
Ties go to the label earlier in LABEL_PRIORITY (people, then places, then organisations), then the
alphabetically first label, so the vote is deterministic; for an entity the gazetteer links
(`linked_place`, when the counts carry it) to a place label first: "Guayaquil", labelled GPE
in one article and PERSON in another, is the city of `dim_place`. A tie of PERSON and ORG for
an entity whose canonical name is one word (`one_word`) goes to ORG: a person's family name alone
is mostly the short form of a full name the article gives, so a one-word name spaCy calls a
person as often as an organisation is mostly a company, paper or group ("Dell", "KBR",
"Al-Manar"; 22 of 27 such ties on 3,500 Wikinews articles).
"""

from collections.abc import Callable

import polars as pl

from newsetl.transforms.entities.schemas import PLACE_LABELS

LABEL_PRIORITY = (
    "PERSON", "GPE", "ORG", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
    "LANGUAGE",
)  # fmt: skip


# What the loader is given to vote with: `vote_entity_type`, or a stand-in in tests.
EntityTypeVote = Callable[[pl.DataFrame], pl.DataFrame]


def vote_entity_type(label_counts: pl.DataFrame) -> pl.DataFrame:
    """`entity_key, label, mentions` (and optionally `linked_place`, true for an entity the
    gazetteer links, and `one_word`, true for an entity whose canonical name is one word)
    in; `entity_key, entity_type` out (one row per key)."""
    rank = pl.col("label").replace_strict(
        {label: i for i, label in enumerate(LABEL_PRIORITY)},
        default=len(LABEL_PRIORITY),
        return_dtype=pl.Int32(),
    )
    place_first = pl.col("linked_place") & pl.col("label").is_in(sorted(PLACE_LABELS))
    rank = pl.when(place_first).then(rank - len(LABEL_PRIORITY)).otherwise(rank)
    for flag in ("linked_place", "one_word"):
        if flag not in label_counts.columns:
            label_counts = label_counts.with_columns(pl.lit(False).alias(flag))
    ranked = (
        label_counts.group_by("entity_key", "label")
        .agg(pl.col("mentions").sum(), pl.col("linked_place", "one_word").fill_null(False).any())
        .with_columns(rank=rank)
        .sort(["entity_key", "mentions", "rank", "label"], descending=[False, True, False, False])
        .group_by("entity_key", maintain_order=True)
        .agg(pl.col("label").first().alias("entity_type"), pl.col("one_word").any(),
             top=pl.col("mentions").first(),
             organisations=pl.col("mentions").filter(pl.col("label") == "ORG").sum())
    )
    person_tie = (pl.col("entity_type") == "PERSON") & pl.col("one_word") & (
        pl.col("organisations") == pl.col("top"))
    return ranked.select(
        pl.col("entity_key").cast(pl.Int64()),
        pl.when(person_tie).then(pl.lit("ORG")).otherwise(pl.col("entity_type"))
        .cast(pl.String()).alias("entity_type"),
    )
