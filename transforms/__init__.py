"""Pure Polars transforms: DataFrames in, DataFrames out; no I/O, no Prefect, no DuckDB."""
