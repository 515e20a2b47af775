"""How the CLI prints a run's summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from newsetl.transforms.display import display_text

if TYPE_CHECKING:
    from newsetl.flows.nightly import RunSummary


def print_summary(summary: RunSummary) -> None:
    """One readable block: files by outcome, articles, mentions, seconds (the warehouse path
    with its control and bidi characters escaped)."""
    c = summary.counts
    typer.echo(
        f"run {summary.run_id} {summary.status} in {summary.seconds:.1f} s → "
        f"{display_text(summary.warehouse)}\n"
        f"  files:    {c['files_seen']} seen, {c['files_loaded']} loaded, "
        f"{c['files_unchanged']} unchanged, {c['files_duplicate']} duplicate, "
        f"{c['files_quarantined']} quarantined\n"
        f"  articles: {c['articles_new']} new, {c['articles_changed']} changed, "
        f"{c['articles_unchanged']} unchanged, {c['articles_duplicate']} duplicate, "
        f"{c['records_quarantined']} records quarantined, "
        f"{c['articles_retired']} retired\n"
        f"  mentions: {c['entity_mentions']} entity, {c['date_mentions']} date"
    )
