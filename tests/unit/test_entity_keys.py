"""Deterministic entity keys."""

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from newsetl.transforms.entities.keys import entity_key, entity_keys


def test_key_is_pinned():
    # sha256("entity\x1fUnited Arab Emirates"), first 8 bytes, top bit cleared
    assert entity_key("United Arab Emirates") == 5984547793562719219


def test_key_uses_nfc_so_composed_and_decomposed_names_agree():
    assert entity_key("Erdoğan") == entity_key("Erdog\u0306an")


@given(st.text(max_size=40))
def test_keys_are_non_negative_63_bit_and_repeatable(name):
    key = entity_key(name)
    assert 0 <= key < 2**63
    assert key == entity_key(name)


def test_series_of_keys_keeps_nulls():
    out = entity_keys(pl.Series("name", ["Hamas", None, "Hamas"]))
    assert out.dtype == pl.Int64
    assert out.to_list() == [entity_key("Hamas"), None, entity_key("Hamas")]
