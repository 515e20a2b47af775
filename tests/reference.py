"""The reference data unit tests normalize with: one copy per test process, read from the
session's reference cache (NEWSETL_REFERENCE_CACHE_DIR, set in tests/conftest.py) rather than
built again by every module that needs it. Treat it as read-only: modules share it."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from newsetl.ingest.reference_data import load_reference_data
from newsetl.transforms.entities.reference import ReferenceData


@cache
def reference_data() -> ReferenceData:
    return load_reference_data(Path(os.environ["NEWSETL_REFERENCE_CACHE_DIR"]))
