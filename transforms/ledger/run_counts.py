"""A batch's contribution to its run's counts, from the ledger rows it writes."""

import polars as pl


def batch_counts(file_ledger: pl.DataFrame, entity_mentions: int,
                 date_mentions: int, articles_untagged: int = 0) -> dict[str, int]:
    """Counts named as `etl_run`'s columns, from one batch's `etl_file` rows (and the
    articles loaded without NER, for lack of a model for their language)."""
    outcome = pl.col("outcome")
    row = file_ledger.select(
        pl.len().alias("files_seen"),
        (outcome == "loaded").sum().alias("files_loaded"),
        (outcome == "unchanged").sum().alias("files_unchanged"),
        (outcome == "duplicate").sum().alias("files_duplicate"),
        (outcome == "quarantined").sum().alias("files_quarantined"),
        pl.col("records_seen").sum(),
        pl.col("records_new").sum().alias("articles_new"),
        pl.col("records_changed").sum().alias("articles_changed"),
        pl.col("records_unchanged").sum().alias("articles_unchanged"),
        pl.col("records_duplicate").sum().alias("articles_duplicate"),
        pl.col("records_quarantined").sum(),
        pl.col("articles_retired").sum(),
    ).row(0, named=True)
    counts = {name: int(value or 0) for name, value in row.items()}
    return {**counts, "entity_mentions": entity_mentions, "date_mentions": date_mentions,
            "articles_untagged": articles_untagged}
