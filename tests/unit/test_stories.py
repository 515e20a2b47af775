"""Story clusters on real Wikinews text: copies join, different stories on one topic do not,
and the keys depend only on the articles, never on their order."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest

from newsetl.transforms.articles import stories
from newsetl.transforms.articles.stories import (
    BANDS,
    PERMUTATIONS,
    SIMILARITY_THRESHOLD,
    assign_stories,
    band_rows,
    shingles,
    signatures,
    similar_pairs,
    story_keys,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "wikinews"
BOILERPLATE = ("Copyright 2007 The Daily Example. All rights reserved. This material may not "
               "be published, broadcast, rewritten or redistributed.")


def records(name: str) -> dict[str, dict]:
    with (DATA / name).open(encoding="utf-8") as lines:
        return {record["id"]: record for record in map(json.loads, lines)}


SLICE = records("wikinews_slice.jsonl")
PAIRS = records("stories_slice.jsonl")


def edited_copy(text: str) -> str:
    """The text as another outlet runs a wire story: two words of its lead changed, its
    boilerplate line before and after."""
    lead, rest = text.split(". ", 1)
    words = lead.split()
    words[2], words[-3] = "reportedly", "recently"
    return f"By Wire Staff. {' '.join(words)}. {rest} {BOILERPLATE}"


def frame(texts: dict[int, str], start: datetime = datetime(2005, 3, 27, tzinfo=UTC)
          ) -> pl.DataFrame:
    """Articles keyed as given, published an hour apart in key order."""
    keys = sorted(texts)
    return pl.DataFrame({
        "article_key": keys,
        "published_at": [start + timedelta(hours=index) for index in range(len(keys))],
        "text": [texts[key] for key in keys],
    })


def clustered(articles: pl.DataFrame) -> dict[int, int]:
    return dict(story_keys(articles, band_rows(articles)).iter_rows())


def test_shingles_are_lower_case_word_runs():
    assert shingles("One two, THREE four five six") == {b"one two three four five",
                                                       b"two three four five six"}
    assert shingles("Too short.") == {b"too short"}
    assert shingles("...") == {b"..."}


def test_signatures_are_fixed_whatever_else_is_in_the_batch():
    text = SLICE["ID6530"]["text"]
    alone = signatures([text])
    among = signatures([SLICE["ID736"]["text"], text])
    assert alone.shape == (1, PERMUTATIONS)
    assert (alone[0] == among[1]).all()
    assert (signatures([text])[0] == alone[0]).all()
    bands = band_rows(frame({5: text}))
    assert bands.height == BANDS
    assert bands["band_hash"].n_unique() == BANDS
    assert bands.equals(band_rows(frame({5: text})))


def test_signatures_are_datasketchs_affine32_minhash_values():
    """Warehouses loaded before `signatures` left datasketch store its values: the same texts
    must give the same bands, or old and new copies of a story would never meet."""
    from datasketch.hashfunc import sha1_hash32
    from datasketch.minhash import MinHash

    texts = [record["text"] for record in (*SLICE.values(), *PAIRS.values())]
    texts += ["", "...", "Too short.", edited_copy(texts[0])]
    theirs = MinHash.bulk((shingles(text) for text in texts), num_perm=PERMUTATIONS,
                          seed=stories.MINHASH_SEED, scheme="affine32", hashfunc=sha1_hash32)
    assert (signatures(texts) == [minhash.hashvalues for minhash in theirs]).all()


def test_an_edited_copy_with_boilerplate_joins_its_story():
    original = SLICE["ID6530"]["text"]  # Kyrgyzstan, 295 words
    copy = edited_copy(original)
    assert copy != original
    articles = frame({10: original, 3: copy, 7: SLICE["ID25437"]["text"]})
    [pair] = similar_pairs(band_rows(articles)).filter(
        pl.col("similarity") >= SIMILARITY_THRESHOLD).iter_rows(named=True)
    assert (pair["left_key"], pair["right_key"]) == (3, 10)
    # Key 3 is published first (frame: key order); the other story stands alone.
    assert clustered(articles) == {3: 3, 10: 3, 7: 7}


@pytest.mark.parametrize(("left", "right"), [
    ("ID36511", "ID36520"),  # UN rapid-response fund: the same text filed twice
    ("ID27044", "ID27045"),  # Ramadi: one report, edited (0.91)
])
def test_real_copies_in_the_corpus_are_one_story(left, right):
    keys = clustered(frame({1: PAIRS[left]["text"], 2: PAIRS[right]["text"]}))
    assert keys == {1: 1, 2: 1}


@pytest.mark.parametrize(("left", "right"), [
    ("ID72883", "ID74062"),  # Lady Bird Johnson out of hospital; her death (0.60)
    ("ID22219", "ID22222"),  # two New Zealand election reports (0.43)
    ("ID736", "ID743"),  # Brazil's president, the same day
])
def test_different_stories_on_one_topic_stay_apart(left, right):
    texts = {**SLICE, **PAIRS}
    keys = clustered(frame({1: texts[left]["text"], 2: texts[right]["text"]}))
    assert keys == {1: 1, 2: 2}


def test_the_first_is_the_earliest_then_the_smallest_key_whatever_the_order():
    text = SLICE["ID6530"]["text"]
    at = datetime(2005, 3, 27, 12, tzinfo=UTC)
    articles = pl.DataFrame({
        "article_key": [40, 30, 20, 50],
        "published_at": [at, at, at + timedelta(days=1), at - timedelta(days=1)],
        "text": [text, edited_copy(text), text, SLICE["ID4845"]["text"]],
    })
    expected = {40: 30, 30: 30, 20: 30, 50: 50}
    assert clustered(articles) == expected
    for seed in range(3):
        shuffled = articles.sample(fraction=1.0, shuffle=True, seed=seed)
        assert clustered(shuffled) == expected


def test_a_copy_bridging_two_articles_makes_one_story_of_three():
    # B is A plus half of another article; C is B without A's first third. A and C are
    # under the threshold, each is over it with B: a story is the connected component.
    a_words = SLICE["ID6530"]["text"].split()
    extra = SLICE["ID25437"]["text"].split()[:100]
    a, b, c = a_words, a_words + extra, a_words[100:] + extra
    articles = frame({1: " ".join(a), 2: " ".join(b), 3: " ".join(c)})
    similarity = {(left, right): score for left, right, score
                  in similar_pairs(band_rows(articles)).iter_rows()}
    assert similarity[(1, 2)] >= SIMILARITY_THRESHOLD
    assert similarity[(2, 3)] >= SIMILARITY_THRESHOLD
    assert similarity.get((1, 3), 0) < SIMILARITY_THRESHOLD
    assert clustered(articles) == {1: 1, 2: 1, 3: 1}
    # Without the bridge, two stories.
    assert clustered(articles.filter(pl.col("article_key") != 2)) == {1: 1, 3: 3}


def test_stored_stories_move_when_an_older_copy_arrives():
    text = SLICE["ID6530"]["text"]
    stored = frame({1: text, 2: edited_copy(text)}, datetime(2005, 3, 28, tzinfo=UTC))
    stored_bands = band_rows(stored).join(
        stored.select("article_key", "published_at", pl.lit(1, pl.Int64).alias("story_key")),
        on="article_key")
    older = frame({9: f"{text} {BOILERPLATE}"}, datetime(2005, 3, 27, tzinfo=UTC))
    result = assign_stories(older, band_rows(older), stored_bands)
    assert result.loaded.rows() == [(9, 9)]
    assert result.moved.rows() == [(1, 9), (2, 9)]

    later = frame({8: edited_copy(text)}, datetime(2005, 3, 29, tzinfo=UTC))
    result = assign_stories(later, band_rows(later), stored_bands)
    assert result.loaded.rows() == [(8, 1)]
    assert result.moved.is_empty()


def test_the_documented_figures_are_the_code_s():
    doc = stories.__doc__ or ""
    assert f"{BANDS} bands of {stories.BAND_ROWS}" in doc
    assert f"threshold {SIMILARITY_THRESHOLD}" in doc
    assert stories.BAND_ROWS * BANDS == PERMUTATIONS
