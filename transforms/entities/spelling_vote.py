"""Display name by vote: the spelling of an entity most of its mentions write.

Keys ignore accents, case, hyphens, lone initials and inner Arabic articles
(`keys.name_identity`), so "Tom DeLay" in one article and "Tom Delay" in another are one
entity; `dim_entity.canonical_name` is the spelling the most mentions wrote as it is
(`match_rule` `exact`), which the loader votes again over the whole warehouse after each
batch, as it votes the type. A tie goes to the spelling with more letters outside ASCII
("Sinn Féin" before "Sinn Fein": an accent is rarely added by mistake), then to the spelling
without a lone initial ("John Bolton" before "John R. Bolton", as Wikipedia titles most
people), then to the spelling with an Arabic article inside ("Ibrahim al-Jafari" before
"Ibrahim Jafari", as Wikipedia titles most Arab names), then to the first in code-point
order, so the vote is deterministic. A spelling whose key is not the entity's (a name that
reference data chose for a mention written otherwise) has no say, and an entity no mention
spells as it is keeps its name.
"""

import polars as pl

from newsetl.transforms.entities.keys import entity_keys, inner_articles, lone_initials

SPELLING_COUNT_SCHEMA: dict[str, pl.DataType] = {
    "entity_key": pl.Int64(),
    "spelling": pl.String(),
    "mentions": pl.Int64(),
}


def spelling_counts(mentions: pl.DataFrame) -> pl.DataFrame:
    """`SPELLING_COUNT_SCHEMA` of resolved mentions (`entity_key`, `surface_text`,
    `match_rule`): how often each entity is written as its canonical name."""
    return (
        mentions.filter(pl.col("match_rule") == "exact")
        .group_by("entity_key", pl.col("surface_text").alias("spelling"))
        .agg(mentions=pl.len())
        .cast(SPELLING_COUNT_SCHEMA)
    )


def vote_canonical_names(counts: pl.DataFrame) -> pl.DataFrame:
    """`entity_key, spelling, mentions` in; `entity_key, canonical_name` out, one row per
    entity that some mention spells as it is."""
    if counts.is_empty():
        return pl.DataFrame(schema={"entity_key": pl.Int64(), "canonical_name": pl.String()})
    counts = counts.group_by("entity_key", "spelling").agg(pl.col("mentions").sum())
    spelled = counts.filter(pl.col("entity_key") == entity_keys(counts["spelling"]))
    # What the key ignores, counted by the key's own patterns, where an entity has several
    # spellings (most have one, whose counts could decide nothing).
    contested = spelled.filter(pl.len().over("entity_key") > 1)["spelling"].to_list()
    ignored = {s: (lone_initials(s), inner_articles(s)) for s in contested}
    spellings = spelled["spelling"].to_list()
    spelled = spelled.with_columns(
        initials=pl.Series([ignored.get(s, (0, 0))[0] for s in spellings], dtype=pl.Int32()),
        articles=pl.Series([ignored.get(s, (0, 0))[1] for s in spellings], dtype=pl.Int32()),
    )
    not_ascii = pl.col("spelling").str.replace_all(r"[\x00-\x7f]", "").str.len_chars()
    return (
        spelled.sort(["entity_key", "mentions", not_ascii, "initials", "articles", "spelling"],
                     descending=[False, True, True, False, True, False])
        .group_by("entity_key", maintain_order=True)
        .agg(canonical_name=pl.col("spelling").first())
        .select(pl.col("entity_key").cast(pl.Int64()), pl.col("canonical_name"))
    )
