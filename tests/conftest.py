"""Shared fixtures: a throwaway Prefect API for flow tests, repository paths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# No example database in the repository, and no per-example deadline: CI machines are slow
# and a deadline would make property tests flaky, not stricter.
settings.register_profile("newsetl", database=None, deadline=None)
settings.load_profile("newsetl")

REPO = Path(__file__).resolve().parents[1]
SEED_FILE = REPO / "samples" / "inbox" / "000_b0b7b8fe64d16200.txt"
WIKINEWS_SAMPLE = REPO / "samples" / "inbox" / "wikinews" / "wikinews_sample.jsonl"
# Test data lives in the repository (never read from outside it; a test whose file is
# missing fails): eight Wikinews articles, attribution in tests/data/wikinews/README.md.
WIKINEWS_SLICE = REPO / "tests" / "data" / "wikinews" / "wikinews_slice.jsonl"


@pytest.fixture(scope="session")
def prefect_api() -> Iterator[None]:
    """One temporary Prefect server and database for the whole test session."""
    from prefect.testing.utilities import prefect_test_harness

    # A loaded 2-core CI machine has taken over 60 s to start the temporary server.
    with prefect_test_harness(server_startup_timeout=180):
        yield
