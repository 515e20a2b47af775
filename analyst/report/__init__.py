"""The HTML report on the published warehouse (`write_report`) and the markdown summary of
one run for its Prefect artifact (`run_summary`)."""

from .page import write_report
from .run_summary import run_summary

__all__ = ["run_summary", "write_report"]
