"""Deterministic entity keys: the same canonical name gives the same key in every run.

`entity_key(name)` = the first 8 bytes (big-endian) of sha256(UTF-8 of
`"entity" + U+001F + NFC(canonical_name)`), with the top bit cleared: a non-negative
63-bit integer that fits DuckDB BIGINT and Polars Int64 — the hashing `docs/design.md`
uses for article keys. Neither the spaCy label nor the entity's type goes in, so a name
labelled ORG in one article and PERSON in another is one entity whose type is voted
(`type_vote`); reference data decide the canonical name, and so the key.
"""

import unicodedata

import polars as pl

from newsetl.transforms.keys import stable_key

KEY_NAMESPACE = "entity"


def entity_key(canonical_name: str) -> int:
    """The key of one canonical name (`keys.stable_key` of its NFC form)."""
    return stable_key(KEY_NAMESPACE, unicodedata.normalize("NFC", canonical_name))


def entity_keys(names: pl.Series) -> pl.Series:
    """Keys of a column of canonical names (Int64; null stays null)."""
    cache = {n: entity_key(n) for n in names.drop_nulls().unique().to_list()}
    return pl.Series(names.name, [cache.get(n) for n in names.to_list()], dtype=pl.Int64())
