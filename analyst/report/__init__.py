"""The HTML report on the published warehouse (`write_report`) and the markdown summary of
one run for its Prefect artifact (`run_summary`).

Both are imported at first use (PEP 562): the report's charts pull in altair (~0.7 s), which
a run that only needs `partition_facts` or the summary (an unchanged rerun) never pays.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .page import write_report
    from .run_summary import run_summary

__all__ = ["run_summary", "write_report"]

_HOMES = {"write_report": ".page", "run_summary": ".run_summary"}


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_HOMES[name], __name__), name)
