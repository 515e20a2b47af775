"""DDL for a DuckLake warehouse: the `sql/` files with what DuckLake cannot keep taken out.

DuckLake enforces NOT NULL only: it refuses PRIMARY KEY and UNIQUE constraints and has no
indexes. The same `sql/tables/` and `sql/migrations/` files create both backends; on a lake
they go through `lake_ddl` first, and the data checks (`sql/checks/assert_*_unique.sql`)
carry the uniqueness the constraints give on the DuckDB file. A migration on an existing lake
also loses `set not null` (`lake_migration`).
"""

from __future__ import annotations

import re

# A string literal (kept whole) or a line comment (dropped): so that `--` inside a string
# is not taken for a comment, and a constraint named in a comment is left alone.
_LITERAL_OR_COMMENT = re.compile(r"('(?:[^']|'')*')|--[^\n]*")
_TABLE_CONSTRAINT = re.compile(r",\s*(?:primary\s+key|unique)\s*\([^)]*\)", re.IGNORECASE)
_COLUMN_KEY = re.compile(r"\s+primary\s+key\b(?!\s*\()", re.IGNORECASE)
_COLUMN_UNIQUE = re.compile(r"\s+unique\b(?!\s*\()", re.IGNORECASE)
_TWICE_NOT_NULL = re.compile(r"\bnot\s+null(\s+not\s+null\b)+", re.IGNORECASE)
_INDEX_STATEMENT = re.compile(r"\bcreate\s+(?:unique\s+)?index\b[^;]*;?", re.IGNORECASE)
_SET_NOT_NULL = re.compile(
    r"\balter\s+table\s+[\w.\"]+\s+alter\s+(?:column\s+)?[\w\"]+\s+set\s+not\s+null\s*;?",
    re.IGNORECASE)


def lake_ddl(sql: str) -> str:
    """`sql` without comments, PRIMARY KEY and UNIQUE constraints (column or table ones)
    and CREATE INDEX statements; everything else as written. A column's PRIMARY KEY becomes
    NOT NULL (which it implies); the columns of a table's PRIMARY KEY (…) must say NOT NULL
    themselves (tests/unit/test_ducklake_schema.py compares every column's nullability)."""
    uncommented = _LITERAL_OR_COMMENT.sub(lambda match: match.group(1) or "", sql)
    pieces = re.split(r"('(?:[^']|'')*')", uncommented)
    for index in range(0, len(pieces), 2):  # outside string literals only
        code = _INDEX_STATEMENT.sub("", pieces[index])
        code = _TABLE_CONSTRAINT.sub("", code)
        code = _COLUMN_KEY.sub(" not null", code)  # a primary key is NOT NULL too
        code = _COLUMN_UNIQUE.sub("", code)
        pieces[index] = _TWICE_NOT_NULL.sub("not null", code)
    return "".join(pieces)


def lake_migration(sql: str) -> str:
    """A migration's `sql` for an existing lake: `lake_ddl`, and without `alter column …
    set not null`. DuckLake sets NOT NULL only on a column whose data files all carry
    statistics for it, never on a column just added to a table with rows or files, so
    on a lake such a column stays nullable (the load never writes a null there)."""
    return _SET_NOT_NULL.sub("", lake_ddl(sql))
