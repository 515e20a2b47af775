"""The HTML report on the published warehouse (`write_report`) and the markdown summary of
one run for its Prefect artifact (`run_summary`).

`write_report` is imported at first use (PEP 562): the page pulls in its sections, charts
and the Vega libraries' bundler (vl-convert), which a run that only needs `partition_facts`
or the summary (an unchanged rerun) never loads.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from .run_summary import run_summary

if TYPE_CHECKING:
    from .page import write_report

__all__ = ["run_summary", "write_report"]


def __getattr__(name: str) -> object:
    if name != "write_report":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return import_module(".page", __name__).write_report
