"""The markdown summary a run publishes as a Prefect artifact (pure: frames in, text out)."""

from __future__ import annotations

import polars as pl

from newsetl.transforms.display import display_text


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return display_text(" ".join(text.split())).replace("|", "\\|")


def markdown_table(frame: pl.DataFrame, empty: str = "_none_") -> str:
    """`frame` as a GitHub-flavoured markdown table (or `empty` when it has no rows)."""
    if frame.height == 0:
        return empty
    header = "| " + " | ".join(_cell(name) for name in frame.columns) + " |"
    rule = "|" + "---|" * frame.width
    rows = ["| " + " | ".join(_cell(value) for value in row) + " |" for row in frame.rows()]
    return "\n".join([header, rule, *rows])


def run_summary_markdown(run_id: str, outcomes: pl.DataFrame, top_entities: pl.DataFrame,
                         quarantine: pl.DataFrame, report_link: str | None = None,
                         ignored_fields: pl.DataFrame | None = None,
                         languages: pl.DataFrame | None = None, untagged: int = 0) -> str:
    """The summary of one run.

    `outcomes`: `outcome`, `records`; `top_entities`: `canonical_name`, `entity_type`,
    `article_count`; `quarantine`: `reason_code`, `quarantined` (the `sql/report/run_*.sql`
    queries). `report_link`: where the HTML report of this run was written, if anywhere.
    `ignored_fields`: `field_name`, `records`, `example_file` (`run_ignored_fields.sql`).
    `languages`: `language`, `language_source`, `articles`, `with_tone` of the articles
    loaded, and `untagged` of them had no NER model for their language.
    """
    total = int(outcomes["records"].sum()) if outcomes.height else 0
    quarantined = int(quarantine["quarantined"].sum()) if quarantine.height else 0
    parts = [
        f"# newsetl run `{_cell(run_id)}`",
        f"{total} records read; {quarantined} quarantined.",
        "## Records by outcome",
        markdown_table(outcomes),
        "## Top entities in the articles loaded",
        markdown_table(top_entities),
        "## Quarantine by reason",
        markdown_table(quarantine),
    ]
    if ignored_fields is not None:
        parts += ["## Fields we ignored", markdown_table(ignored_fields)]
    if languages is not None:
        parts += ["## Languages of the articles loaded",
                  f"{untagged} articles not tagged (no NER model for their language).",
                  markdown_table(languages)]
    if report_link:
        parts += ["## Report", f"[Open the HTML report]({report_link.replace(' ', '%20')})"]
    return "\n\n".join(parts) + "\n"
