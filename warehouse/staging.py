"""Handing Polars frames to DuckDB SQL as named views, for one statement block at a time."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import duckdb
import polars as pl


@contextmanager
def staged(connection: duckdb.DuckDBPyConnection,
           frames: Mapping[str, pl.DataFrame]) -> Iterator[None]:
    """Register each frame as view `staged_<name>` (zero-copy through Arrow), then drop them."""
    names = [f"staged_{name}" for name in frames]
    for view, frame in zip(names, frames.values(), strict=True):
        connection.register(view, frame)
    try:
        yield
    finally:
        for view in names:
            connection.unregister(view)
