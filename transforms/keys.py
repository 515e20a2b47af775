"""Deterministic keys: the same identity gives the same key in every run and backfill.

A key is the first 8 bytes (big-endian) of sha256(`<namespace>` U+001F `<identity>`) with the
top bit cleared, a non-negative 63-bit integer that fits DuckDB BIGINT; an id is the first
32 hex digits of the same digest. Keys never come from sequences or insertion order.
"""

import hashlib
import json

import polars as pl

_MASK_63 = (1 << 63) - 1


def _digest(namespace: str, identity: str) -> bytes:
    return hashlib.sha256(f"{namespace}\x1f{identity}".encode()).digest()


def stable_key(namespace: str, identity: str) -> int:
    """The 63-bit key of one identity."""
    return int.from_bytes(_digest(namespace, identity)[:8], "big") & _MASK_63


def stable_id(namespace: str, identity: str) -> str:
    """The 32-hex-digit id of one identity."""
    return _digest(namespace, identity).hex()[:32]


def key_column(namespace: str, identities: pl.Expr) -> pl.Expr:
    """Keys of a String column (Int64; null stays null)."""
    return identities.map_elements(
        lambda identity: stable_key(namespace, identity), return_dtype=pl.Int64
    )


def id_column(namespace: str, identities: pl.Expr) -> pl.Expr:
    """Ids of a String column (String; null stays null)."""
    return identities.map_elements(
        lambda identity: stable_id(namespace, identity), return_dtype=pl.String
    )


def content_hash_column(columns: list[str]) -> pl.Expr:
    """sha256 hex of several String columns (nulls distinct from empty strings).

    The values are serialised as a JSON array, so no value can imitate a separator.
    """
    def digest(row: dict[str, str | None]) -> str:
        encoded = json.dumps([row[name] for name in columns], ensure_ascii=False)
        return hashlib.sha256(encoded.encode()).hexdigest()

    return pl.struct(columns).map_elements(digest, return_dtype=pl.String)
