"""The run's Prefect artifact: markdown built from the run's query results."""

from __future__ import annotations

import analyst_fixtures as sample
import duckdb
import polars as pl

from newsetl.analyst.report import run_summary
from newsetl.transforms.ledger.run_summary import markdown_table, run_summary_markdown


def test_summary_from_frames():
    outcomes = pl.DataFrame({"outcome": ["new", "quarantined"], "records": [3, 1]})
    entities = pl.DataFrame({"canonical_name": ["A|B"], "entity_type": ["ORG"],
                             "article_count": [2]})
    quarantine = pl.DataFrame({"reason_code": ["no_text"], "quarantined": [1]})
    text = run_summary_markdown("run-9", outcomes, entities, quarantine, "file:///r/report.html")
    assert text.splitlines() == [
        "# newsetl run `run-9`", "", "4 records read; 1 quarantined.", "",
        "## Records by outcome", "", "| outcome | records |", "|---|---|", "| new | 3 |",
        "| quarantined | 1 |", "", "## Top entities in the articles loaded", "",
        "| canonical_name | entity_type | article_count |", "|---|---|---|",
        "| A\\|B | ORG | 2 |", "", "## Quarantine by reason", "",
        "| reason_code | quarantined |", "|---|---|", "| no_text | 1 |", "", "## Report", "",
        "[Open the HTML report](file:///r/report.html)"]


def test_empty_frames_and_no_link():
    empty = pl.DataFrame({"outcome": [], "records": []}, schema={"outcome": pl.String,
                                                                 "records": pl.Int64})
    text = run_summary_markdown("r", empty, pl.DataFrame(), pl.DataFrame({"quarantined": []}))
    assert "0 records read; 0 quarantined." in text
    assert text.count("_none_") == 3
    assert "Report" not in text
    assert markdown_table(pl.DataFrame(), empty="-") == "-"


def test_summary_from_the_warehouse(tmp_path):
    connection = duckdb.connect(str(sample.sample_writer(tmp_path)), read_only=True)
    try:
        second = run_summary(connection, "run-2")
        first = run_summary(connection, "run-1", top=2)
    finally:
        connection.close()
    assert "5 records read; 1 quarantined." in second
    assert "| unchanged | 2 |" in second
    assert "| Acme Corp | ORG | 3 |\n| Alice Smith | PERSON | 3 |\n\n" in first  # top 2, by name
    assert "| malformed_json | 1 |" in first
    assert ("## Fields we ignored\n\n| field_name | records | example_file |\n|---|---|---|\n"
            "| internal_score | 1 | inbox/batch.csv |") in second
    assert "date_download" in first
    assert "internal_score" not in first


def test_summary_says_the_languages_loaded_and_how_many_were_not_tagged(tmp_path):
    connection = duckdb.connect(str(sample.sample_writer(tmp_path)), read_only=True)
    try:
        text = run_summary(connection, "run-1")
    finally:
        connection.close()
    section = text.split("## Languages of the articles loaded\n\n", 1)[1]
    assert section.startswith("0 articles not tagged (no NER model for their language).")
    assert "| language | language_source | articles | with_tone |" in section
    assert "| en | declared | 4 | 4 |" in section
