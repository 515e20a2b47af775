"""Stories: near-duplicate articles (syndicated copies, lightly edited versions) clustered.

Two articles are copies of one story when the estimated Jaccard similarity of their sets of
word shingles (`SHINGLE_WORDS` consecutive lower-cased words of the cleaned text; the title
is left out, outlets rewrite it) is at least `SIMILARITY_THRESHOLD`. The estimate is the
share of equal values in their MinHash signatures: `PERMUTATIONS` values, each the least of
an affine permutation of the shingles' 32-bit SHA-1 hashes, pre-mixed with MurmurHash3's
finalizer, from a fixed seed, so a signature never changes between runs. These are
datasketch 2's "affine32" MinHash values, bit for bit (`tests/unit/test_stories.py` holds
them to it); datasketch itself imports scipy, 1-4 s of every run's start for one function.

Candidates come from locality-sensitive hashing: the signature is cut into `BANDS` bands of
`BAND_ROWS` values and each band is hashed; articles sharing any (band, band_hash) are
candidates, and only candidates are compared. With 32 bands of 4, a pair at similarity s is a
candidate with probability 1 - (1 - s**4)**32: 99.98 % at the threshold 0.7, 99 % at 0.6,
23 % at 0.3, 0.3 % at 0.1, so candidates lose almost no copy and cost little.

Measured on the 3,864 corpus articles of bench/corpus.py (bench/tune_story_threshold.py,
result in bench/results/story_threshold.txt): at 0.7 with 5-word shingles, 97 % of copies
with two words of the lead changed and a boilerplate line join their original; of heavily
edited copies (lead replaced, last sentence cut, boilerplate before and after) 52 %, 76 % of
those of articles of 200+ words. Different articles reach 0.596 at most (Lady Bird Johnson
out of hospital, then her death, sharing background paragraphs), 0.43 next (two New Zealand
election reports), beside two real duplicates of the corpus (1.0 and 0.91). The threshold
leaves 0.1 (2.4 standard errors of a 128-value estimate) above the closest different pair:
a false join undercounts stories and chains further ones, a missed copy only counts one
story twice. 3-word shingles score copies 1-2 points higher but that pair 0.624.

A story is a connected component of the graph whose edges are the candidate pairs at or
above the threshold; its `story_key` is the `article_key` of its first article (earliest
`published_at`, then smallest `article_key`). Both depend only on the articles present, never
on the order they were loaded in, so a rerun or a backfill gives the same stories.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
import polars as pl

SHINGLE_WORDS = 5
PERMUTATIONS = 128
BANDS = 32
BAND_ROWS = PERMUTATIONS // BANDS
SIMILARITY_THRESHOLD = 0.7
MINHASH_SEED = 1

_WORD = re.compile(r"\w+")
_MASK_63 = (1 << 63) - 1

# article_key, band, band_hash and the band's MinHash values: the stored LSH state.
BAND_SCHEMA = {
    "article_key": pl.Int64(),
    "band": pl.Int16(),
    "band_hash": pl.Int64(),
    "minhash": pl.List(pl.UInt32()),
}
STORY_SCHEMA = {"article_key": pl.Int64(), "story_key": pl.Int64()}


def shingles(text: str) -> set[bytes]:
    """The text's word shingles: `SHINGLE_WORDS` consecutive lower-case words (a text with
    fewer words is one shingle; one with no word at all is its own characters)."""
    words = _WORD.findall(text.lower())
    if not words:
        return {text.encode()}
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode()}
    return {" ".join(words[start:start + SHINGLE_WORDS]).encode()
            for start in range(len(words) - SHINGLE_WORDS + 1)}


def signatures(texts: list[str]) -> np.ndarray:
    """MinHash signatures of the texts' shingles: uint32, one row of `PERMUTATIONS` a text."""
    rows = np.empty((len(texts), PERMUTATIONS), dtype=np.uint32)
    for row, text in enumerate(texts):
        hashes = np.fromiter((_sha1_hash32(shingle) for shingle in shingles(text)),
                             dtype=np.uint32)
        rows[row] = (_fmix32(hashes)[:, None] * _MULTIPLIERS + _INCREMENTS).min(axis=0)
    return rows


def _sha1_hash32(data: bytes) -> int:
    return int.from_bytes(hashlib.sha1(data).digest()[:4], "little")


def _fmix32(hashes: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (a bijection that spreads every input bit); uint32
    arithmetic wraps, which is the modulo 2**32 it needs."""
    hashes = hashes ^ (hashes >> np.uint32(16))
    hashes = hashes * np.uint32(0x85EBCA6B)
    hashes = hashes ^ (hashes >> np.uint32(13))
    hashes = hashes * np.uint32(0xC2B2AE35)
    return hashes ^ (hashes >> np.uint32(16))


def _affine_permutations(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """`PERMUTATIONS` maps h → a·h + b mod 2**32, `a` odd (so each is a bijection), drawn
    from a fixed seed."""
    generator = np.random.RandomState(seed)
    multipliers = (generator.randint(0, 1 << 31, PERMUTATIONS, dtype=np.uint32) * np.uint32(2)
                   + np.uint32(1))
    return multipliers, generator.randint(0, 1 << 32, PERMUTATIONS, dtype=np.uint32)


_MULTIPLIERS, _INCREMENTS = _affine_permutations(MINHASH_SEED)


def _band_hash(values: bytes) -> int:
    digest = hashlib.blake2b(values, digest_size=8).digest()
    return int.from_bytes(digest, "big") & _MASK_63


def band_rows(articles: pl.DataFrame) -> pl.DataFrame:
    """The LSH bands of `articles` (`article_key`, cleaned `text`): `BAND_SCHEMA`, `BANDS`
    rows an article."""
    bands = signatures(articles["text"].to_list()).astype("<u4").reshape(-1, BAND_ROWS)
    return pl.DataFrame({
        "article_key": articles["article_key"].cast(pl.Int64).to_numpy().repeat(BANDS),
        "band": np.tile(np.arange(BANDS, dtype=np.int16), articles.height),
        "band_hash": np.array([_band_hash(band.tobytes()) for band in bands], dtype=np.int64),
        "minhash": pl.Series(bands, dtype=pl.Array(pl.UInt32(), BAND_ROWS)),
    }).cast(BAND_SCHEMA)  # type: ignore[arg-type]


def _signature_matrix(bands: pl.DataFrame) -> tuple[list[int], np.ndarray]:
    """(article keys, their signatures) rebuilt from band rows (`BANDS` an article)."""
    ordered = bands.sort("article_key", "band")
    keys = ordered["article_key"].unique(maintain_order=True).to_list()
    if ordered.height != len(keys) * BANDS:
        raise ValueError(f"{len(keys)} articles need {len(keys) * BANDS} bands, "
                         f"not {ordered.height}")
    values = np.array(ordered["minhash"].to_list(), dtype=np.uint32)
    return keys, values.reshape(len(keys), PERMUTATIONS)


def similar_pairs(bands: pl.DataFrame) -> pl.DataFrame:
    """Pairs of articles (`left_key` < `right_key`) sharing a band, with their estimated
    Jaccard similarity (`similarity`), whether or not it reaches the threshold."""
    buckets = bands.select("article_key", "band", "band_hash")
    pairs = (buckets.join(buckets, on=["band", "band_hash"], suffix="_other")
             .filter(pl.col("article_key") < pl.col("article_key_other"))
             .select(pl.col("article_key").alias("left_key"),
                     pl.col("article_key_other").alias("right_key"))
             .unique().sort("left_key", "right_key"))
    keys, matrix = _signature_matrix(bands)
    row = {key: index for index, key in enumerate(keys)}
    left = np.array([row[key] for key in pairs["left_key"]], dtype=np.int64)
    right = np.array([row[key] for key in pairs["right_key"]], dtype=np.int64)
    equal = (matrix[left] == matrix[right]).mean(axis=1) if len(left) else np.zeros(0)
    return pairs.with_columns(pl.Series("similarity", equal, dtype=pl.Float64))


def _components(keys: list[int], edges: pl.DataFrame) -> dict[int, int]:
    """Union-find: each key → a representative of its connected component."""
    parent = {key: key for key in keys}

    def root(key: int) -> int:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for left, right in edges.select("left_key", "right_key").iter_rows():
        parent[root(left)] = root(right)
    return {key: root(key) for key in keys}


def story_keys(articles: pl.DataFrame, bands: pl.DataFrame) -> pl.DataFrame:
    """The story of each of `articles` (`article_key`, `published_at`): `STORY_SCHEMA`.

    `bands` (`BAND_SCHEMA`) are the articles' LSH bands. The caller passes whole stories (a
    story cut in two could not find its first), so the components are the stories.
    """
    edges = similar_pairs(bands).filter(pl.col("similarity") >= SIMILARITY_THRESHOLD)
    ordered = articles.select("article_key", "published_at").unique("article_key").sort(
        "published_at", "article_key")
    keys = ordered["article_key"].to_list()
    component = _components(keys, edges)
    first: dict[int, int] = {}
    for key in keys:  # earliest first, so the first key seen of a component is its first
        first.setdefault(component[key], key)
    return pl.DataFrame({"article_key": keys,
                         "story_key": [first[component[key]] for key in keys]},
                        schema=STORY_SCHEMA)


@dataclass(frozen=True)
class StoryAssignment:
    """The stories after a batch: of its articles, and of the stored ones it moves."""

    loaded: pl.DataFrame  # STORY_SCHEMA: every article being loaded
    moved: pl.DataFrame  # STORY_SCHEMA: stored articles whose story_key changes


def assign_stories(loaded: pl.DataFrame, loaded_bands: pl.DataFrame,
                   stored: pl.DataFrame) -> StoryAssignment:
    """The stories of `loaded` articles (`article_key`, `published_at`; bands
    `loaded_bands`, `BAND_SCHEMA`) among the `stored` articles they may reach or split
    (`article_key`, `published_at`, `story_key` and their bands, one row a band: whole
    stories, as `warehouse.stories.story_neighbours` gives them)."""
    moment = pl.col("published_at").cast(pl.Datetime("us", "UTC"))
    articles = pl.concat([
        loaded.select("article_key", moment),
        stored.select("article_key", moment).unique("article_key"),
    ])
    bands = pl.concat([loaded_bands.select(list(BAND_SCHEMA)).cast(BAND_SCHEMA),  # type: ignore[arg-type]
                       stored.select(list(BAND_SCHEMA)).cast(BAND_SCHEMA)])  # type: ignore[arg-type]
    stories = story_keys(articles, bands)
    before = stored.select("article_key", pl.col("story_key").alias("stored_story_key")).unique(
        "article_key")
    moved = (stories.join(before, on="article_key", how="inner")
             .filter(pl.col("story_key") != pl.col("stored_story_key"))
             .select(list(STORY_SCHEMA)).sort("article_key"))
    return StoryAssignment(
        loaded=stories.join(loaded.select("article_key"), on="article_key", how="semi"),
        moved=moved,
    )
