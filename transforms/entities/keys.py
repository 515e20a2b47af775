"""Deterministic entity keys: one key per real-world thing, whatever the spelling.

`entity_key(name)` = `keys.stable_key("entity", name_identity(name))`: the first 8 bytes
(big-endian) of sha256 of `"entity" U+001F identity`, top bit cleared, a non-negative 63-bit
integer that fits DuckDB BIGINT and Polars Int64 (the hashing `docs/design.md` uses for
article keys). The identity is blind to the spellings news writes one name in ("Tom DeLay"
and "Tom Delay", "Sinn Féin" and "Sinn Fein", "Ban Ki-moon" and "Ban Ki-Moon"), so articles
that spell one name two ways count one entity; which spelling `dim_entity` shows is voted
(`spelling_vote`). Neither the spaCy label nor the entity's type goes in, so a name
labelled ORG in one article and PERSON in another is one entity whose type is voted
(`type_vote`); reference data decide the canonical name, and so the key.
"""

import re
import unicodedata

import polars as pl

from newsetl.transforms.entities.reference import fold
from newsetl.transforms.keys import stable_key

KEY_NAMESPACE = "entity"


# Initials written apart ("H. W.") are written together ("H.W."), so "George H. W. Bush" and
# "George H.W. Bush", "U. S. Army" and "U.S. Army" are one name.
_INITIALS_APART = re.compile(r"\b([A-Z]\.)\s+(?=[A-Z]\.)")
# One middle initial between two words: news writes "John R. Bolton" on first mention in one
# article and "John Bolton" in the next; Wikipedia titles most such people without it.
_LONE_MIDDLE_INITIAL = re.compile(r"(?<=\w)\s+[A-Z]\.(?=\s+\w)")
# So is one first initial before two words: "C. Ray Nagin" and "Ray Nagin", "L. Paul Bremer"
# and "Paul Bremer" (and the French "M." of "M. Xavier Bertrand", which is "Monsieur").
_LONE_FIRST_INITIAL = re.compile(r"^[A-Z]\.\s+(?=\w[\w'’-]*\s+\w)")
# The Arabic article inside a name, which news writes or leaves out: "Nouri al-Maliki" and
# "Nouri Maliki", "Sharm el-Sheikh" and "Sharm al-Sheikh" (a word of the folded name with a
# word before and after it).
_INNER_ARTICLE = re.compile(r" (?:al|el)(?= )")


def name_identity(canonical_name: str) -> str:
    """What a key is made of: the name folded (no accents, case, hyphens, dots or quotes),
    without a lone middle initial or a lone first one before two words, or an Arabic article
    between two words, except a name with no lower-case letter, which stays as written
    (NFC).

    Capitals alone are an acronym or a shouted word, which the same letters in lower case
    need not be ("FAIR", "Fair"; "ROE", "Roe"), so they keep their own identity. Only an
    initial with its dot is dropped, and only one standing alone: "George W. Bush" is
    "George Bush" (whom news of his time means by it), "George H. W. Bush" keeps his
    two, and "World War I Memorial" its numeral."""
    composed = unicodedata.normalize("NFC", canonical_name)
    if not any(ch.islower() for ch in composed):
        return composed
    return _without_inner_articles(fold(_without_lone_initials(composed)[0]))[0]


def _without_lone_initials(name: str) -> tuple[str, int]:
    """`name` without its lone initials, and how many there were."""
    if "." not in name:  # most names have no initial: skip the three patterns
        return name, 0
    together = _INITIALS_APART.sub(r"\1", name)
    without_middle, middle = _LONE_MIDDLE_INITIAL.subn("", together)
    without, first = _LONE_FIRST_INITIAL.subn("", without_middle)
    return without, middle + first


def _without_inner_articles(folded: str) -> tuple[str, int]:
    """A folded name without its inner Arabic articles, and how many there were."""
    return _INNER_ARTICLE.subn("", folded) if "l " in folded else (folded, 0)


def lone_initials(name: str) -> int:
    """How many lone initials of `name` its key ignores ("John R. Bolton": 1)."""
    return _without_lone_initials(unicodedata.normalize("NFC", name))[1]


def inner_articles(name: str) -> int:
    """How many Arabic articles inside `name` its key ignores ("Nouri al-Maliki": 1)."""
    return _without_inner_articles(fold(unicodedata.normalize("NFC", name)))[1]


def entity_key(canonical_name: str) -> int:
    """The key of one canonical name (`keys.stable_key` of its `name_identity`)."""
    return stable_key(KEY_NAMESPACE, name_identity(canonical_name))


def entity_keys(names: pl.Series) -> pl.Series:
    """Keys of a column of canonical names (Int64; null stays null)."""
    cache = {n: entity_key(n) for n in names.drop_nulls().unique().to_list()}
    return pl.Series(names.name, [cache.get(n) for n in names.to_list()], dtype=pl.Int64())


def stale_entity_keys(named: pl.DataFrame) -> pl.DataFrame:
    """`entity_key, canonical_name` rows in; the `entity_key`s that are not the key of their
    own canonical name, i.e. were made by an older key function (exact spelling) and are
    superseded by the current key of the same name."""
    current = entity_keys(named["canonical_name"])
    return named.filter(pl.col("entity_key") != current).select(
        pl.col("entity_key").cast(pl.Int64()))
