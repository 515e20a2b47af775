"""Deterministic keys: same identity → same key, 63-bit non-negative, namespaces apart."""

import hashlib

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from newsetl.transforms.keys import (
    content_hash_column,
    id_column,
    key_column,
    stable_id,
    stable_key,
)

NO_DATABASE = settings(database=None, deadline=None, max_examples=200)
IDENTITIES = st.text(max_size=40)


def test_key_and_id_are_the_documented_sha256_prefixes():
    digest = hashlib.sha256(b"article\x1fhttps://example.com/a").digest()
    assert stable_id("article", "https://example.com/a") == digest.hex()[:32]
    assert stable_key("article", "https://example.com/a") == (
        int.from_bytes(digest[:8], "big") & ((1 << 63) - 1)
    )


def test_known_values_do_not_drift():
    # Keys are stored in the warehouse: a change here orphans every row already loaded.
    assert stable_id("article", "a.txt#1") == "579a146a6aceee1f264cebabd01105e9"
    assert stable_key("article", "a.txt#1") == 6312380275004206623
    assert stable_key("source", "bbc.co.uk") == 1332978869896063892


@NO_DATABASE
@given(identity=IDENTITIES)
def test_key_is_deterministic_and_fits_a_signed_bigint(identity):
    key = stable_key("article", identity)
    assert key == stable_key("article", identity)
    assert 0 <= key < 2**63
    ident = stable_id("article", identity)
    assert len(ident) == 32
    assert int(ident, 16) >= 0  # hex only


@NO_DATABASE
@given(identity=IDENTITIES)
def test_namespaces_give_different_keys_for_one_identity(identity):
    assert stable_key("article", identity) != stable_key("source", identity)
    assert stable_id("article", identity) != stable_id("entity", identity)


@NO_DATABASE
@given(identities=st.lists(st.one_of(st.none(), IDENTITIES), max_size=20))
def test_columns_equal_the_scalar_functions_and_null_stays_null(identities):
    frame = pl.DataFrame({"identity": identities}, schema={"identity": pl.String()})
    result = frame.select(
        key_column("entity", pl.col("identity")).alias("key"),
        id_column("entity", pl.col("identity")).alias("id"),
    )
    assert result.schema == pl.Schema({"key": pl.Int64(), "id": pl.String()})
    assert result.height == len(identities)
    assert result["key"].to_list() == [
        None if value is None else stable_key("entity", value) for value in identities
    ]
    assert result["id"].to_list() == [
        None if value is None else stable_id("entity", value) for value in identities
    ]


def test_all_null_column_keeps_its_type():
    frame = pl.DataFrame({"identity": [None, None]}, schema={"identity": pl.String()})
    result = frame.select(key_column("article", pl.col("identity")))
    assert result.dtypes == [pl.Int64()]
    assert result["identity"].to_list() == [None, None]


def hashes(rows: list[tuple[str | None, str | None]]) -> list[str]:
    frame = pl.DataFrame(rows, schema={"a": pl.String(), "b": pl.String()}, orient="row")
    return frame.select(content_hash_column(["a", "b"]).alias("hash"))["hash"].to_list()


def test_content_hash_tells_null_from_empty_string():
    null_a, empty_a, null_b, empty_b, both_null = hashes(
        [(None, "x"), ("", "x"), ("x", None), ("x", ""), (None, None)]
    )
    assert null_a != empty_a
    assert null_b != empty_b
    assert len({null_a, empty_a, null_b, empty_b, both_null}) == 5


def test_content_hash_tells_where_a_column_ends():
    left, right = hashes([("ab", "c"), ("a", "bc")])
    assert left != right


def test_content_hash_is_sha256_hex_and_deterministic():
    first, again, other = hashes([("title", "text"), ("title", "text"), ("title", "text.")])
    assert first == again
    assert first != other
    assert len(first) == 64
    assert int(first, 16) >= 0


# Cleaned values: cleaning removes every control character (see the xfail below for why).
CLEANED = st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")), max_size=20)


@NO_DATABASE
@given(rows=st.lists(st.tuples(st.one_of(st.none(), CLEANED),
                               st.one_of(st.none(), CLEANED)), max_size=10))
def test_content_hash_never_null_and_equal_rows_hash_equal(rows):
    result = hashes(rows)
    assert len(result) == len(rows)
    assert all(value is not None for value in result)
    for row, value in zip(rows, result, strict=True):
        for other_row, other_value in zip(rows, result, strict=True):
            assert (row == other_row) == (value == other_value)


def test_regression_values_holding_the_separator_do_not_collide():
    shifted, plain = hashes([("x\x1f\x01y", None), ("x", "y\x1f\x00")])
    assert shifted != plain
