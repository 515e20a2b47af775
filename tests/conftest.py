"""Shared fixtures: a throwaway Prefect API for flow tests, repository paths."""

from __future__ import annotations

import os
import tempfile
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


SESSION_REFERENCE_CACHE = "NEWSETL_REFERENCE_CACHE_DIR"


def environment_without_newsetl_settings() -> dict[str, str]:
    """os.environ without the NEWSETL_* settings a test session or its user set, but with
    the session's reference cache (without it, every `newsetl` run builds the lookups)."""
    return {name: value for name, value in os.environ.items()
            if not name.startswith("NEWSETL_") or name == SESSION_REFERENCE_CACHE}


def pytest_configure(config: pytest.Config) -> None:
    """Every process of a test session (pytest's workers and the `newsetl` commands they
    start, which inherit the environment) reads the reference data from one cache folder:
    built once, not by each test module and command (3 CPU seconds each time). Its key
    covers the code, so a checkout with other code builds and reads its own copy."""
    os.environ.setdefault(SESSION_REFERENCE_CACHE, str(
        Path(tempfile.gettempdir()) / f"newsetl-test-reference-cache-{os.getuid()}"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Longest modules first. pytest-xdist hands out whole modules in collection order
    (`--dist loadfile --no-loadscope-reorder` in the Makefile), so a long module never
    starts last and runs alone while the other workers idle; the many short unit modules
    come last and fill the gaps."""
    module_seconds: dict[Path, float] = {}
    for item in items:
        marker = item.get_closest_marker("slow")
        seconds = 0.0 if marker is None else float(marker.kwargs.get("seconds", 1))
        module_seconds[item.path] = max(module_seconds.get(item.path, 0.0), seconds)
    items.sort(key=lambda item: -module_seconds[item.path])  # stable: order within a module


@pytest.fixture(scope="session")
def prefect_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Flows run in this process report to the session's `prefect server start` on loopback,
    the one the integration tests share (tests/integration/shared_service.py): one server per
    test process, not a second, temporary one (16 CPU s to start, and it polls while idle)."""
    from tests.integration.shared_service import (
        drain_prefect_workers,
        prefect_settings,
        shared_server,
        stop_all,
    )

    with prefect_settings(shared_server(tmp_path_factory.getbasetemp())):
        yield
        drain_prefect_workers()
    stop_all()
