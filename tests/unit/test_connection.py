"""connect_writer: the session settings every writer connection gets."""

import pytest

from newsetl.warehouse.connection import (
    connect_memory,
    connect_writer,
    extension_path,
    load_extension,
)


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


@pytest.mark.parametrize(("name", "own_name"), [("ducklake", "ducklake"), ("fts", "fts"),
                                                ("sqlite", "sqlite_scanner"),
                                                ("postgres", "postgres_scanner")])
def test_each_packaged_extension_loads_by_path_under_its_own_name(name, own_name):
    # The sqlite and postgres packages name their file for the short name; DuckDB wants the
    # extension's own name, so a link under that name is loaded.
    connection = connect_memory()
    load_extension(connection, name)
    assert extension_path(name).name == f"{own_name}.duckdb_extension"
    loaded = connection.execute("select loaded from duckdb_extensions() where extension_name = ?",
                                [own_name]).fetchone()
    assert loaded == (True,)
