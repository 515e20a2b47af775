"""Small frames for the date-mention tests: candidates laid end to end, one article."""

from datetime import date

import polars as pl

from newsetl.transforms.dates.mentions import DATE_CANDIDATE_SCHEMA

PUBLISHED = date(2024, 2, 17)  # a Saturday: the seed article's date


def candidates(*surfaces: str, article_id: str = "a1", detector: str = "spacy") -> pl.DataFrame:
    """One candidate per surface, laid end to end as if in one text."""
    rows, start = [], 0
    for sentence, surface in enumerate(surfaces):
        rows.append((article_id, surface, start, start + len(surface), sentence, detector))
        start += len(surface) + 1
    return pl.DataFrame(rows, schema=DATE_CANDIDATE_SCHEMA, orient="row")


def articles(published: date | None = PUBLISHED, article_id: str = "a1", **extra) -> pl.DataFrame:
    columns = {"article_id": [article_id], "published_date": [published]}
    columns.update({name: [value] for name, value in extra.items()})
    return pl.DataFrame(columns, schema_overrides={"published_date": pl.Date()})
