"""Two warehouses built from the same inbox compared row for row, the ledger's own columns
(run ids, timestamps) aside: what must not differ between two ways of running the flows."""

from __future__ import annotations

from pathlib import Path

import duckdb

# What differs between two runs over the same inbox whatever the executor: the ledger.
LEDGER_COLUMNS = {"run_id", "last_run_id", "flow_run_id", "recorded_at", "loaded_at",
                  "started_at", "finished_at", "quarantined_at", "applied_at", "seconds"}
LEDGER_TABLES = {"etl_run", "schema_migration"}


def differences(expected: Path, actual: Path) -> dict[str, tuple[int, int, int]]:
    """Per table with any difference: (rows in expected, rows only in expected, rows only
    in actual), comparing every column but the ledger's, duplicates counted."""
    con = duckdb.connect()
    con.execute(f"ATTACH '{expected}' AS expected (READ_ONLY)")
    con.execute(f"ATTACH '{actual}' AS actual (READ_ONLY)")
    tables = [row[0] for row in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = 'expected' "
        "ORDER BY 1").fetchall()]
    assert "fct_entity_mention" in tables
    found = {}
    for table in tables:
        if table in LEDGER_TABLES:
            continue
        columns = [row[0] for row in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = 'expected' "
            "AND table_name = ? ORDER BY column_index", [table]).fetchall()]
        kept = ", ".join(f'"{c}"' for c in columns if c not in LEDGER_COLUMNS)
        total = con.execute(f"SELECT count(*) FROM expected.{table}").fetchone()[0]
        only_expected, only_actual = (con.execute(
            f"SELECT count(*) FROM (SELECT {kept} FROM {a}.{table} "
            f"EXCEPT ALL SELECT {kept} FROM {b}.{table})").fetchone()[0]
            for a, b in (("expected", "actual"), ("actual", "expected")))
        if only_expected or only_actual:
            found[table] = (total, only_expected, only_actual)
    con.close()
    return found
