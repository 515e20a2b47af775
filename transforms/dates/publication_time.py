"""Add the parsed publication time, and the reason when there is none, to article rows.

ISO dates and timestamps are parsed in Polars; every other distinct raw value is parsed
once by `parsing.parse_timestamp`. No row is dropped: a row without a usable date keeps
null times and a `date_problem`:

- `no_publication_date`: the raw value is null or blank;
- `invalid_date` / `ambiguous_date`: see `parsing`;
- `implausible_date`: parsed, but its UTC date is after `run_date` or before `min_date`
  (the parsed time is kept on the row so the quarantine shows what was read).
"""

from datetime import date
from zoneinfo import ZoneInfo

import polars as pl

from newsetl.transforms.dates.parsing import DATE_ORDERS, parse_timestamp

_UTC = pl.Datetime("us", "UTC")
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
_ISO_TIME = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?"
_ISO_ZONE = r"(Z|[+-]\d{2}:?\d{2})$"
_KEY = "__publication_raw"
_FAST = "__publication_fast"
_SLOW_COLUMNS = {
    _KEY: pl.String(),
    "__publication_slow": _UTC,
    "__publication_problem": pl.String(),
    "__publication_detail": pl.String(),
}

PUBLICATION_COLUMNS: dict[str, pl.DataType] = {
    "published_at": _UTC,
    "published_date": pl.Date(),
    "date_problem": pl.String(),
    "date_problem_detail": pl.String(),
}


def with_publication_time(
    articles: pl.DataFrame,
    *,
    run_date: date,
    min_date: date,
    naive_timezone: str,
    date_order: str | None = None,
) -> pl.DataFrame:
    """`articles` with `published_at`, `published_date`, `date_problem`, `date_problem_detail`.

    Raises ValueError for an unknown `date_order` or `min_date` after `run_date`, and
    zoneinfo's ZoneInfoNotFoundError (a KeyError) for an unknown `naive_timezone`."""
    if date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {DATE_ORDERS}, not {date_order!r}")
    if min_date > run_date:
        raise ValueError(f"min_date {min_date} is after run_date {run_date}")
    ZoneInfo(naive_timezone)
    keyed = articles.with_columns(
        pl.col("published_raw").cast(pl.String).str.strip_chars().alias(_KEY)
    ).with_columns(_iso_fast_path(pl.col(_KEY), naive_timezone).alias(_FAST))
    slow = _parse_rest(keyed, naive_timezone, date_order)
    parsed = keyed.join(slow, on=_KEY, how="left", maintain_order="left")
    published_at = pl.coalesce(_FAST, "__publication_slow")
    published_date = published_at.dt.date()
    problem = (
        pl.when(pl.col(_KEY).fill_null("") == "")
        .then(pl.lit("no_publication_date"))
        .when(pl.col("__publication_problem").is_not_null())
        .then(pl.col("__publication_problem"))
        .when((published_date > run_date) | (published_date < min_date))
        .then(pl.lit("implausible_date"))
    )
    detail = (
        pl.when(pl.col(_KEY).fill_null("") == "")
        .then(pl.lit("no publication date in the record"))
        .when(pl.col("__publication_problem").is_not_null())
        .then(pl.col("__publication_detail"))
        .when(published_date > run_date)
        .then(pl.format("{} is after the run date {}", published_date, pl.lit(run_date)))
        .when(published_date < min_date)
        .then(pl.format("{} is before the earliest {}", published_date, pl.lit(min_date)))
    )
    return parsed.with_columns(
        published_at.alias("published_at"),
        published_date.alias("published_date"),
        problem.alias("date_problem"),
        detail.alias("date_problem_detail"),
    ).drop(_KEY, _FAST, *list(_SLOW_COLUMNS)[1:])


def _iso_fast_path(raw: pl.Expr, naive_timezone: str) -> pl.Expr:
    """UTC instants for ISO dates and timestamps; null for anything else or anything wrong."""
    timestamp = raw.str.replace(" ", "T", literal=True)
    aware = pl.coalesce(
        timestamp.str.to_datetime("%Y-%m-%dT%H:%M:%S%.f%#z", time_unit="us", strict=False),
        timestamp.str.to_datetime("%Y-%m-%dT%H:%M%#z", time_unit="us", strict=False),
    ).dt.convert_time_zone("UTC")
    naive = (
        pl.coalesce(
            timestamp.str.to_datetime("%Y-%m-%dT%H:%M:%S%.f", time_unit="us", strict=False),
            timestamp.str.to_datetime("%Y-%m-%dT%H:%M", time_unit="us", strict=False),
        )
        .dt.replace_time_zone(naive_timezone, ambiguous="earliest", non_existent="null")
        .dt.convert_time_zone("UTC")
    )
    day = (
        raw.str.to_date("%Y-%m-%d", strict=False)
        .cast(pl.Datetime("us"))
        .dt.replace_time_zone("UTC")
    )
    return (
        pl.when(raw.str.contains(_ISO_DATE))
        .then(day)
        .when(raw.str.contains(_ISO_TIME + _ISO_ZONE))
        .then(aware)
        .when(raw.str.contains(_ISO_TIME + "$"))
        .then(naive)
    )


def _parse_rest(keyed: pl.DataFrame, naive_timezone: str, date_order: str | None) -> pl.DataFrame:
    """One row per distinct raw value the fast path left, parsed in Python."""
    rest = (
        keyed.filter(pl.col(_FAST).is_null() & (pl.col(_KEY).fill_null("") != ""))
        .get_column(_KEY)
        .unique()
        .sort()
        .to_list()
    )
    results = [parse_timestamp(raw, naive_timezone, date_order=date_order) for raw in rest]
    return pl.DataFrame(
        {
            _KEY: rest,
            "__publication_slow": [result.value for result in results],
            "__publication_problem": [result.problem for result in results],
            "__publication_detail": [result.detail for result in results],
        },
        schema=_SLOW_COLUMNS,
    )
