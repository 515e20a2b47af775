"""newsetl.analyst: what analysts read, always from the published copy, never the writer's
file: ad-hoc SQL (`query`, the `newsetl sql` statement and prompt), BM25 search (`search`),
result rendering (`formats`) and the HTML report with each run's summary (`report`).

The CLI calls `query`, `search` and `report`; the flows call `report` only. Nothing here
imports the flows or the CLI.
"""
