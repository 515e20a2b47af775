"""Browser fixtures: the session's Prefect server and `newsetl serve` (shared with the
integration tests when both run)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.shared_service import Service, shared_service, stop_all


@pytest.fixture(scope="session")
def newsetl_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """`newsetl serve` against a real Prefect server, the nightly deployment run once."""
    yield shared_service(tmp_path_factory.getbasetemp())
    stop_all()
