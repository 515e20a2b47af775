"""classify_articles: new / changed / unchanged / duplicate / conflicting_version, one each."""

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from newsetl.transforms.articles.classification import classify_articles
from newsetl.transforms.schemas import EXISTING_SCHEMA

NO_DATABASE = settings(database=None, deadline=None, max_examples=150)
BATCH_SCHEMA = {
    "file_path": pl.String(),
    "record_number": pl.Int32(),
    "article_id": pl.String(),
    "content_hash": pl.String(),
}
OUTCOMES = {"new", "changed", "unchanged", "duplicate", "conflicting_version"}


def batch(*rows: tuple[str, int, str, str]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=BATCH_SCHEMA, orient="row")


def stored(*rows: tuple[str, str]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=EXISTING_SCHEMA, orient="row")


def outcomes(result: pl.DataFrame) -> list[tuple[int, str, str | None]]:
    return result.select("record_number", "outcome", "duplicate_of_article_id").rows()


@pytest.mark.parametrize(
    ("rows", "existing", "expected"),
    [
        pytest.param([("f", 1, "A", "h1")], [], [(1, "new", None)], id="new"),
        pytest.param([("f", 1, "A", "h1")], [("A", "h1")], [(1, "unchanged", None)],
                     id="unchanged"),
        pytest.param([("f", 1, "A", "h2")], [("A", "h1")], [(1, "changed", None)],
                     id="changed"),
        pytest.param([("f", 1, "B", "h1")], [("A", "h1")], [(1, "duplicate", "A")],
                     id="duplicate-of-stored"),
        pytest.param([("f", 1, "A", "h1"), ("f", 2, "B", "h1")], [],
                     [(1, "new", None), (2, "duplicate", "A")],
                     id="duplicate-earlier-in-batch"),
        pytest.param([("f", 1, "A", "h1"), ("f", 2, "A", "h1")], [],
                     [(1, "new", None), (2, "duplicate", "A")], id="same-id-same-content"),
        pytest.param([("f", 1, "A", "h1"), ("f", 2, "A", "h2")], [],
                     [(1, "new", None), (2, "conflicting_version", None)],
                     id="same-id-different-content"),
        pytest.param([("f", 1, "A", "h2"), ("f", 2, "A", "h1")], [("A", "h1")],
                     [(1, "changed", None), (2, "conflicting_version", None)],
                     id="stored-id-twice-first-wins"),
        pytest.param([("f", 1, "A", "h1"), ("f", 2, "B", "h1")], [("A", "h1")],
                     [(1, "unchanged", None), (2, "duplicate", "A")],
                     id="unchanged-and-its-copy"),
        pytest.param([("f", 1, "A", "h1")], [("A", "h0"), ("B", "h1")], [(1, "changed", None)],
                     id="changed-wins-over-duplicate"),
        pytest.param([("f", 1, "C", "h1")], [("B", "h1"), ("A", "h1")],
                     [(1, "duplicate", "A")], id="duplicate-of-first-stored-id-by-name"),
        pytest.param([("f", 1, "A", "h1"), ("f", 2, "A", "h2"), ("f", 3, "B", "h2")], [],
                     [(1, "new", None), (2, "conflicting_version", None), (3, "new", None)],
                     id="conflicting-version-is-not-a-duplicate-source"),
    ],
)
def test_outcome_of_each_case(rows, existing, expected):
    assert outcomes(classify_articles(batch(*rows), stored(*existing))) == expected


def test_first_is_by_file_path_then_record_number_not_input_order():
    rows = [("b.json", 1, "B", "h"), ("a.json", 10, "A", "h"), ("a.json", 2, "C", "h")]
    result = classify_articles(batch(*rows), stored())
    columns = ["file_path", "record_number", "outcome", "duplicate_of_article_id"]
    assert result.select(columns).rows() == [
        ("a.json", 2, "new", None),
        ("a.json", 10, "duplicate", "C"),
        ("b.json", 1, "duplicate", "C"),
    ]


def test_other_columns_ride_along():
    frame = batch(("f", 1, "A", "h1")).with_columns(text=pl.lit("body"))
    result = classify_articles(frame, stored())
    assert result.columns == [*frame.columns, "outcome", "duplicate_of_article_id"]
    assert result["text"].to_list() == ["body"]


def test_copy_of_a_changed_articles_new_content_is_a_duplicate():
    result = classify_articles(batch(("f", 1, "A", "h2"), ("f", 2, "B", "h2")), stored(("A", "h1")))
    assert outcomes(result) == [(1, "changed", None), (2, "duplicate", "A")]


_IDS = st.sampled_from(["A", "B", "C", "D"])
_HASHES = st.sampled_from(["h1", "h2", "h3"])


@st.composite
def _cases(draw):
    ids = draw(st.lists(st.tuples(_IDS, _HASHES), max_size=10))
    rows = [(draw(st.sampled_from(["a.json", "b.json"])), number, article_id, content_hash)
            for number, (article_id, content_hash) in enumerate(ids, start=1)]
    existing = draw(st.dictionaries(_IDS, _HASHES, max_size=4))
    return rows, sorted(existing.items())


@NO_DATABASE
@given(case=_cases(), seed=st.randoms(use_true_random=False))
def test_every_row_one_outcome_whatever_the_input_order(case, seed):
    rows, existing = case
    result = classify_articles(batch(*rows), stored(*existing))
    assert result.height == len(rows)
    assert result["outcome"].null_count() == 0
    assert set(result["outcome"]) <= OUTCOMES
    is_duplicate = result["outcome"] == "duplicate"
    assert (result["duplicate_of_article_id"].is_not_null() == is_duplicate).all()
    # at most one row per article_id is loaded
    loaded = result.filter(pl.col("outcome").is_in(["new", "changed"]))
    assert loaded["article_id"].is_unique().all()
    # a new article's content is neither stored nor another new article's
    new = result.filter(pl.col("outcome") == "new")
    assert new["content_hash"].is_unique().all()
    assert not set(new["content_hash"]) & {content_hash for _, content_hash in existing}

    shuffled = rows[:]
    seed.shuffle(shuffled)
    reordered = classify_articles(batch(*shuffled), stored(*reversed(existing)))
    assert_frame_equal(reordered, result)


def test_an_id_stored_and_in_flight_still_gives_one_outcome_per_record():
    result = classify_articles(batch(("g", 1, "A", "h2")), stored(("A", "h1"), ("A", "h2")))
    assert result.height == 1
