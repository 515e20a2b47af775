"""connect_writer: the session settings every writer connection gets."""

from newsetl.warehouse.connection import connect_writer


def test_the_writer_connection_takes_its_memory_limit(tmp_path):
    capped = connect_writer(tmp_path / "capped.duckdb", "256MB")
    default = connect_writer(tmp_path / "default.duckdb")
    try:
        limit = "select current_setting('memory_limit')"
        assert capped.sql(limit).fetchone() == ("244.1 MiB",)  # 256 MB in DuckDB's MiB
        assert default.sql(limit).fetchone() != ("244.1 MiB",)
    finally:
        capped.close()
        default.close()
