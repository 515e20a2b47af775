"""Browser fixtures: `newsetl serve` against the session's Prefect server (the one the
integration tests share), for the length of a module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.shared_service import Service, shared_service, stop_service


@pytest.fixture(scope="module")
def newsetl_service(tmp_path_factory: pytest.TempPathFactory,
                    prefect_api: None) -> Iterator[Service]:
    """`newsetl serve` against the session's Prefect server (`prefect_api` stops it when the
    session ends), the nightly deployment run once; stopped when the module ends."""
    yield shared_service(tmp_path_factory.getbasetemp())
    stop_service()
